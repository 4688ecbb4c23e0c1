using System.Net.Sockets;
using CxInbox.Channels.Outbound;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CxInbox.Channels.Email;

/// <summary>Retries for talking to mail servers: network failures, dropped connections and SMTP 4xx answers are worth
/// another try; a refused login or a 5xx answer is not (retrying a wrong password only gets the account locked).</summary>
public static class MailResilience
{
    public static ResiliencePipeline Create(ProviderResilienceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && IsTransient(e)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException smtp => (int)smtp.StatusCode is >= 400 and < 500,
        MailKit.Security.AuthenticationException => false,
        IOException or SocketException or TimeoutRejectedException or ImapProtocolException or SmtpProtocolException
            or ServiceNotConnectedException or MailKit.Security.SslHandshakeException => true,
        _ => false,
    };
}
