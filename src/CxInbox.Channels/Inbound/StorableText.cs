using CxInbox.Contracts;

namespace CxInbox.Channels.Inbound;

/// <summary>
/// PostgreSQL's text cannot hold U+0000, so a message carrying one (a form field's <c>%00</c>, a JSON
/// <c>"\u0000"</c>, a mail body) would be acknowledged to the provider and then fail every attempt to store it: lost.
/// Every such character becomes U+FFFD before the message is published; the same input always gives the same text,
/// so deduplication by provider id still holds.
/// </summary>
public static class StorableText
{
    private const char Nul = '\0';
    private const char Replacement = '\uFFFD';

    public static InboundBatch Of(InboundBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return new InboundBatch
        {
            Messages = [.. batch.Messages.Select(Of)],
            Statuses = [.. batch.Statuses.Select(Of)],
            ConsentChanges = [.. batch.ConsentChanges.Select(Of)],
        };
    }

    private static InteractionReceived Of(InteractionReceived m) => m with
    {
        Channel = Clean(m.Channel),
        ChannelAccount = Clean(m.ChannelAccount),
        ProviderMessageId = Clean(m.ProviderMessageId),
        CustomerAddress = Clean(m.CustomerAddress),
        CustomerName = CleanOrNull(m.CustomerName),
        Text = Clean(m.Text),
        FullText = CleanOrNull(m.FullText),
        Subject = CleanOrNull(m.Subject),
        InReplyTo = CleanOrNull(m.InReplyTo),
        References = [.. m.References.Select(Clean)],
        ConversationToken = CleanOrNull(m.ConversationToken),
        Automated = CleanOrNull(m.Automated),
        Attachments = [.. m.Attachments.Select(a => a with { Url = Clean(a.Url), ContentType = Clean(a.ContentType), FileName = CleanOrNull(a.FileName) })],
    };

    private static DeliveryStatusReported Of(DeliveryStatusReported s) => s with
    {
        Channel = Clean(s.Channel),
        ProviderMessageId = Clean(s.ProviderMessageId),
        Status = Clean(s.Status),
        ErrorCode = CleanOrNull(s.ErrorCode),
        ErrorReason = CleanOrNull(s.ErrorReason),
    };

    private static ContactConsentChanged Of(ContactConsentChanged c) => c with
    {
        Channel = Clean(c.Channel),
        ChannelAccount = Clean(c.ChannelAccount),
        CustomerAddress = Clean(c.CustomerAddress),
        Keyword = Clean(c.Keyword),
        ProviderMessageId = Clean(c.ProviderMessageId),
    };

    private static string Clean(string text) => text.Contains(Nul, StringComparison.Ordinal) ? text.Replace(Nul, Replacement) : text;

    private static string? CleanOrNull(string? text) => text is null ? null : Clean(text);
}
