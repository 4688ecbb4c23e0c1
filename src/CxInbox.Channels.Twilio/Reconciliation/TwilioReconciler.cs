using System.Net.Http.Json;
using CxInbox.Channels.Inbound;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Twilio.Outbound;
using CxInbox.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Twilio.Reconciliation;

/// <summary>
/// Twilio does not retry a webhook we failed to accept (channels.md §1.5), but it keeps every inbound message. One
/// pass lists the recent inbound messages to our numbers and publishes them all; the router stores each MessageSid
/// once, so what the webhook already delivered is a no-op and what it missed arrives now.
/// </summary>
public sealed class TwilioReconciler(IHttpClientFactory httpClients, IOptionsMonitor<TwilioOptions> options, IInboundPublisher publisher,
    TimeProvider clock, ILogger<TwilioReconciler> logger)
{
    private const int PageSize = 100;
    private const int MaxPages = 50;

    /// <summary>Returns how many inbound messages were listed (and published).</summary>
    public async Task<int> ReconcileOnceAsync(CancellationToken cancellationToken)
    {
        var account = options.CurrentValue;
        // docker-compose.yml passes an empty number when TWILIO_NUMBER is unset.
        var numbers = account.Numbers.Where(n => !string.IsNullOrWhiteSpace(n)).ToList();
        if (numbers.Count == 0 || account.AccountSid.Length == 0 || account.AuthToken.Length == 0)
        {
            return 0;
        }

        var since = clock.GetUtcNow() - account.ReconcileLookback;
        var published = 0;
        foreach (var number in numbers)
        {
            var request = TwilioApi.ListMessages(account, number, from: null, since, PageSize);
            for (var page = 0; request is not null && page < MaxPages; page++)
            {
                using var response = await httpClients.CreateClient(TwilioOptions.HttpClientName).SendAsync(request, cancellationToken);
                request.Dispose();
                response.EnsureSuccessStatusCode();
                var messages = await response.Content.ReadFromJsonAsync<TwilioMessagePage>(TwilioApi.Json, cancellationToken);
                var inbound = (messages?.Messages ?? []).Where(m => m.Direction == "inbound" && m.From is not null && m.To is not null)
                    .Select(ToInteraction).ToList();
                await publisher.PublishAsync(new InboundBatch { Messages = inbound }, cancellationToken);
                published += inbound.Count;
                request = messages?.NextPageUri is { Length: > 0 } next ? TwilioApi.NextPage(account, next) : null;
            }
        }

        logger.LogInformation("Twilio reconciliation listed {Count} inbound message(s) since {Since:u}", published, since);
        return published;
    }

    private InteractionReceived ToInteraction(TwilioMessage message) => new()
    {
        InteractionId = Guid.CreateVersion7(),
        Channel = TwilioSmsWebhook.Channel,
        ChannelAccount = message.To!,
        ProviderMessageId = message.Sid,
        CustomerAddress = message.From!,
        Text = message.Body ?? "",
        ReceivedAt = TwilioApi.ParseDate(message.DateSent) ?? TwilioApi.ParseDate(message.DateCreated) ?? clock.GetUtcNow(),
    };
}
