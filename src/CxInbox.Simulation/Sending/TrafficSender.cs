using System.Net.Http.Headers;
using System.Text.Json;
using CxInbox.Channels.Email;
using CxInbox.Channels.Outbound;
using CxInbox.Simulation.Traffic;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace CxInbox.Simulation.Sending;

/// <summary>
/// The edge of the simulator: sends each message when it is due, as its provider would. Webhooks are POSTed with a
/// Polly pipeline that retries 429, 5xx and lost connections and honours <c>Retry-After</c>, like Twilio or Meta
/// retrying a webhook; a 4xx is a refusal and is not retried. E-mail goes to the SMTP server that delivers to the
/// Host's mailbox.
/// </summary>
public sealed class TrafficSender : IAsyncDisposable
{
    // Enough parallel requests for hundreds of messages a second, few enough not to swamp a laptop's Host.
    private const int MaxConcurrentSends = 32;

    private readonly HttpClient http;
    private readonly SimulatorSettings settings;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly Func<SimulatedMessage, DateTimeOffset, SignedWebhook> webhookFor;
    private readonly ResiliencePipeline<HttpResponseMessage> webhookPipeline;
    private readonly ResiliencePipeline smtpPipeline;
    private readonly SemaphoreSlim smtpLock = new(1, 1);
    private readonly SemaphoreSlim sendSlots = new(MaxConcurrentSends, MaxConcurrentSends);
    private SmtpClient? smtp;

    /// <param name="http">Its <c>BaseAddress</c> is the Host to send to.</param>
    /// <param name="webhookFor">How a message becomes a signed request; default: the built-in providers'
    /// (<see cref="ProviderRequests.Webhook"/>). An adapter of your own plugs its provider's format in here.</param>
    public TrafficSender(HttpClient http, SimulatorSettings settings, TimeProvider clock, ILogger? logger = null,
        ProviderResilienceOptions? resilience = null, Func<SimulatedMessage, DateTimeOffset, SignedWebhook>? webhookFor = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clock);
        this.http = http;
        this.settings = settings;
        this.clock = clock;
        this.logger = logger ?? NullLogger.Instance;
        this.webhookFor = webhookFor ?? ((message, now) => ProviderRequests.Webhook(message, settings, now));
        webhookPipeline = ProviderResilience.Create(ProviderResilience.IsTransientFailure, resilience ?? new ProviderResilienceOptions(), clock);
        smtpPipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<IOException>()
                    .Handle<ServiceNotConnectedException>()
                    .Handle<SmtpProtocolException>()
                    .Handle<SmtpCommandException>(e => (int)e.StatusCode is >= 400 and < 500),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
            })
            .Build();
    }

    /// <summary>Sends <paramref name="messages"/> each at its time after now, and waits for the last answer.
    /// Cancelling stops sending; what was sent is in the report.</summary>
    public async Task<SimulationReport> RunAsync(IEnumerable<SimulatedMessage> messages, IReadOnlyDictionary<SimulatedChannel, string> skipped,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var report = new SimulationReport(skipped);
        var start = clock.GetUtcNow();
        var inFlight = new List<Task>();
        try
        {
            foreach (var message in messages)
            {
                var wait = start + message.At - clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, cancellationToken);
                }

                await sendSlots.WaitAsync(cancellationToken);
                inFlight.Add(SendAndReleaseAsync(message, report.For(message.Channel), cancellationToken));
                if (inFlight.Count >= 4 * MaxConcurrentSends)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped early: report what went out.
        }

        await Task.WhenAll(inFlight);
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        if (smtp is not null)
        {
            if (smtp.IsConnected)
            {
                try
                {
                    await smtp.DisconnectAsync(true);
                }
                catch (Exception e) when (e is IOException or ProtocolException or SmtpCommandException)
                {
                    // The server went away first; nothing is left to send.
                }
            }

            smtp.Dispose();
        }

        smtpLock.Dispose();
        sendSlots.Dispose();
    }

    private async Task SendAndReleaseAsync(SimulatedMessage message, ChannelTally tally, CancellationToken cancellationToken)
    {
        try
        {
            if (message.Channel == SimulatedChannel.Email)
            {
                await SendEmailAsync(message, tally, cancellationToken);
            }
            else
            {
                await PostWebhookAsync(message, tally, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            tally.Fail("cancelled before an answer");
        }
        finally
        {
            sendSlots.Release();
        }
    }

    private async Task PostWebhookAsync(SimulatedMessage message, ChannelTally tally, CancellationToken cancellationToken)
    {
        var request = webhookFor(message, clock.GetUtcNow());
        try
        {
            using var response = await webhookPipeline.ExecuteAsync(async token =>
            {
                tally.Attempted();
                // A request message can be sent once only: a new one for every attempt, with the same signed bytes.
                using var attempt = new HttpRequestMessage(HttpMethod.Post, request.Path)
                {
                    Content = new ByteArrayContent(request.Body),
                };
                attempt.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
                foreach (var (name, value) in request.Headers)
                {
                    attempt.Headers.TryAddWithoutValidation(name, value);
                }

                return await http.SendAsync(attempt, token);
            }, cancellationToken);

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                tally.Accept();
            }
            else if (status is >= 400 and < 500 && status != 429 && status != 408)
            {
                var reason = $"{status} {await ReasonAsync(response, cancellationToken)}";
                logger.LogWarning("Simulated {Channel} message {MessageId} refused: {Reason}", message.Channel.ToName(), message.ProviderMessageId, reason);
                tally.Refuse(reason);
            }
            else
            {
                tally.Fail($"{status} after retries");
            }
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            logger.LogWarning("Simulated {Channel} message {MessageId} not delivered: {Error}", message.Channel.ToName(), message.ProviderMessageId, e.Message);
            tally.Fail(e.GetType().Name + ": " + e.Message);
        }
    }

    private async Task SendEmailAsync(SimulatedMessage message, ChannelTally tally, CancellationToken cancellationToken)
    {
        var mail = ProviderRequests.Email(message, settings, clock.GetUtcNow());
        await smtpLock.WaitAsync(cancellationToken);
        try
        {
            await smtpPipeline.ExecuteAsync(async token =>
            {
                tally.Attempted();
                var client = await ConnectedSmtpAsync(token);
                try
                {
                    await client.SendAsync(mail, token);
                }
                catch (Exception e) when (e is IOException or SmtpProtocolException)
                {
                    // The connection is unusable; the retry connects again.
                    await client.DisconnectAsync(false, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }, cancellationToken);
            tally.Accept();
        }
        catch (SmtpCommandException e)
        {
            tally.Refuse($"SMTP {(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpProtocolException or System.Net.Sockets.SocketException or AuthenticationException)
        {
            logger.LogWarning("Simulated e-mail {MessageId} not delivered: {Error}", message.ProviderMessageId, e.Message);
            tally.Fail(e.GetType().Name + ": " + e.Message);
        }
        finally
        {
            smtpLock.Release();
        }
    }

    private async Task<SmtpClient> ConnectedSmtpAsync(CancellationToken cancellationToken)
    {
        smtp ??= new SmtpClient();
        if (!smtp.IsConnected)
        {
            var server = settings.Smtp!;
            var socket = server.TlsMode switch
            {
                MailTlsMode.None => SecureSocketOptions.None,
                MailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            await smtp.ConnectAsync(server.Host, server.SmtpPort, socket, cancellationToken);
            if (!string.IsNullOrEmpty(server.User))
            {
                await smtp.AuthenticateAsync(server.User, server.Password ?? "", cancellationToken);
            }
        }

        return smtp;
    }

    // problem+json's detail, else the start of the body: what the Host told the "provider".
    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            {
                return detail.GetString()!;
            }
        }
        catch (JsonException)
        {
            // Not JSON: show the text.
        }

        return body.Length > 200 ? body[..200] : body;
    }
}
