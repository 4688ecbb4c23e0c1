using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Twilio.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace CxInbox.Channels.Twilio.Outbound;

/// <summary>
/// Sends agents' SMS replies through Twilio's Messages API. Twilio has no idempotency key for sending
/// (channels.md §1.7), so only failures that provably did not reach Twilio are retried blindly: a 429 (never
/// processed) and a refused connection. After an ambiguous failure (a 5xx, a timeout) the sender first looks for the
/// message at Twilio and resends only if it is not there.
/// </summary>
public sealed class TwilioReplySender : IReplySender
{
    private readonly IHttpClientFactory httpClients;
    private readonly IOptionsMonitor<TwilioOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<TwilioReplySender> logger;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public TwilioReplySender(IHttpClientFactory httpClients, IOptionsMonitor<TwilioOptions> options, TimeProvider clock, ILogger<TwilioReplySender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClients = httpClients;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        pipeline = ProviderResilience.Create(NeverReachedTwilio, options.CurrentValue.Resilience, clock);
    }

    public string Channel => TwilioSmsWebhook.Channel;

    public async Task<SendOutcome> SendAsync(OutboundReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var account = options.CurrentValue;
        if (account.AccountSid.Length == 0 || account.AuthToken.Length == 0)
        {
            return new SendOutcome.Failed("not_configured", "SMS is not configured (Channels:Twilio:AccountSid and AuthToken).", IsPermanent: true);
        }

        if (reply.Text.Length > TwilioCapabilities.Sms.MaxReplyLength)
        {
            return new SendOutcome.Failed("21617", $"SMS replies are limited to {TwilioCapabilities.Sms.MaxReplyLength} characters; this one has {reply.Text.Length}.", IsPermanent: true);
        }

        var cost = SmsSegments.Count(reply.Text);
        if (cost.Segments > account.MaxSegments)
        {
            var why = cost.Encoding == "UCS-2" ? " (a character outside the GSM alphabet, such as an emoji or a curly quote, makes every segment shorter)" : "";
            return new SendOutcome.Failed("too_many_segments",
                $"This reply would be sent as {cost.Segments} SMS segments{why}; the limit is {account.MaxSegments}. Shorten it.", IsPermanent: true);
        }

        var form = Form(reply, account);
        var startedAt = clock.GetUtcNow();
        var outcome = await SendOnceAsync(account, form, cancellationToken);
        if (outcome is not Ambiguous ambiguous)
        {
            return outcome;
        }

        logger.LogWarning("Twilio send of reply {ReplyId} ended ambiguously ({Why}); looking for it before resending", reply.ReplyId, ambiguous.Why);
        if (await FindSentAsync(account, reply, startedAt, cancellationToken) is { } found)
        {
            return found;
        }

        var resent = await SendOnceAsync(account, form, cancellationToken);
        return resent is Ambiguous again
            ? new SendOutcome.Failed("ambiguous", $"Twilio did not confirm the message ({again.Why}); it may or may not have been sent.", IsPermanent: false)
            : resent;
    }

    private static List<KeyValuePair<string, string>> Form(OutboundReply reply, TwilioOptions account)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("To", reply.CustomerAddress),
            new("From", reply.ChannelAccount),
            new("Body", reply.Text),
        };
        if (account.StatusCallbackBaseUrl is { Length: > 0 } callbackBase)
        {
            form.Add(new("StatusCallback",
                $"{callbackBase.TrimEnd('/')}/webhooks/{TwilioStatusWebhook.RoutePath}?{TwilioStatusWebhook.ReplyParameter}={reply.ReplyId:D}"));
        }

        return form;
    }

    private async Task<SendOutcome> SendOnceAsync(TwilioOptions account, List<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token => await httpClients.CreateClient(TwilioOptions.HttpClientName).SendAsync(TwilioApi.CreateMessage(account, form), token), ct);
            if (response.StatusCode == HttpStatusCode.Created || response.IsSuccessStatusCode)
            {
                var message = await response.Content.ReadFromJsonAsync<TwilioMessage>(TwilioApi.Json, ct);
                return new SendOutcome.Sent(message!.Sid, TwilioStatuses.ToDeliveryStatus(message.Status ?? "queued") ?? "queued");
            }

            if ((int)response.StatusCode >= 500)
            {
                return new Ambiguous($"HTTP {(int)response.StatusCode}");
            }

            var error = await ReadErrorAsync(response, ct);
            var code = error?.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response.StatusCode == HttpStatusCode.TooManyRequests
                ? new SendOutcome.Failed(code, TwilioErrors.Reason("20429"), IsPermanent: false)
                : new SendOutcome.Failed(code, TwilioErrors.Reason(code, error?.Message), IsPermanent: true, RecipientOptedOut: code == TwilioErrors.OptedOut);
        }
        catch (BrokenCircuitException)
        {
            return new SendOutcome.Failed("circuit_open", "Twilio has been failing repeatedly; sending is paused for a short while. Try again shortly.", IsPermanent: false);
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException && !ct.IsCancellationRequested)
        {
            return NeverReached(e) ? new SendOutcome.Failed("unreachable", $"Twilio could not be reached ({e.Message}).", IsPermanent: false) : new Ambiguous(e.GetType().Name);
        }
    }

    /// <summary>The message we meant to send, if Twilio has it: same To, From and Body, created since we started.</summary>
    private async Task<SendOutcome.Sent?> FindSentAsync(TwilioOptions account, OutboundReply reply, DateTimeOffset startedAt, CancellationToken ct)
    {
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token => await httpClients.CreateClient(TwilioOptions.HttpClientName).SendAsync(TwilioApi.ListMessages(account, reply.CustomerAddress, reply.ChannelAccount, startedAt, 20), token), ct);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var page = await response.Content.ReadFromJsonAsync<TwilioMessagePage>(TwilioApi.Json, ct);
            var match = page?.Messages.FirstOrDefault(m => m.Body == reply.Text
                && TwilioApi.ParseDate(m.DateCreated) is { } created && created >= startedAt.AddMinutes(-1));
            return match is null ? null : new SendOutcome.Sent(match.Sid, TwilioStatuses.ToDeliveryStatus(match.Status ?? "queued") ?? "queued");
        }
        catch (Exception e) when (e is TimeoutRejectedException or HttpRequestException or BrokenCircuitException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<TwilioError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TwilioError>(TwilioApi.Json, ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // 429 is documented as never processed; a refused connection never reached Twilio. Anything else may have.
    private static bool NeverReachedTwilio(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests || (outcome.Exception is { } e && NeverReached(e));

    private static bool NeverReached(Exception e) =>
        e is HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable } };

    private sealed record Ambiguous(string Why) : SendOutcome;
}
