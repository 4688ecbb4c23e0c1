using CxInbox.Channels.Twilio.Outbound;
using CxInbox.Channels.Webhooks;
using CxInbox.Contracts;
using Microsoft.AspNetCore.WebUtilities;

namespace CxInbox.Channels.Twilio.Inbound;

/// <summary>Twilio's status callbacks for our outbound SMS (shared/reference/channels.md §1.6): each becomes a
/// <see cref="DeliveryStatusReported"/>; the store keeps the furthest state, so order and repeats do not matter.</summary>
public sealed class TwilioStatusWebhook(TwilioRequestVerifier verifier, TimeProvider clock) : IWebhookChannel
{
    public const string RoutePath = "twilio/status";

    /// <summary>The query parameter of our StatusCallback URL that carries our reply id.</summary>
    public const string ReplyParameter = "reply";

    public string Route => RoutePath;

    public Task<WebhookOutcome> HandleAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(verifier.TryVerify(request, out var form, out var rejection) ? Parse(request, form) : rejection);
    }

    private WebhookOutcome Parse(WebhookRequest request, TwilioForm form)
    {
        var missing = form.Missing("MessageSid", "MessageStatus");
        if (missing.Count > 0)
        {
            return new WebhookOutcome.Rejected(400, $"Required field(s) missing: {string.Join(", ", missing)}.");
        }

        var status = TwilioStatuses.ToDeliveryStatus(form["MessageStatus"]!);
        if (status is null)
        {
            // receiving/received describe inbound messages; nothing of ours to update.
            return new WebhookOutcome.Accepted([], WebhookResponse.Empty);
        }

        var errorCode = form["ErrorCode"] is { Length: > 0 } code ? code : null;
        return new WebhookOutcome.Accepted([], WebhookResponse.Empty)
        {
            Statuses =
            [
                new DeliveryStatusReported
                {
                    Channel = TwilioSmsWebhook.Channel,
                    ProviderMessageId = form["MessageSid"]!,
                    ReplyId = ReplyIdFrom(request.PublicUrl),
                    Status = status,
                    ErrorCode = errorCode,
                    ErrorReason = errorCode is null ? null : TwilioErrors.Reason(errorCode),
                    ReportedAt = clock.GetUtcNow(),
                },
            ],
        };
    }

    private static Guid? ReplyIdFrom(string publicUrl)
    {
        var query = publicUrl.IndexOf('?', StringComparison.Ordinal);
        return query >= 0
            && QueryHelpers.ParseQuery(publicUrl[query..]).TryGetValue(ReplyParameter, out var value)
            && Guid.TryParse(value, out var replyId)
            ? replyId
            : null;
    }
}
