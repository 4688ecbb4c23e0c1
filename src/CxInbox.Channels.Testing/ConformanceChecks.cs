using CxInbox.Contracts;
using NUnit.Framework;

namespace CxInbox.Channels.Testing;

/// <summary>The checks on what an adapter publishes, shared by every inbound fixture (webhook and polled), so that a
/// message from a mailbox is held to exactly what a message from a webhook is.</summary>
internal static class ConformanceChecks
{
    /// <summary>The router stores Channel + ChannelAccount + ProviderMessageId once.</summary>
    public static (string, string, string) DedupeKey(InteractionReceived m) => (m.Channel, m.ChannelAccount, m.ProviderMessageId);

    public static void AssertRoutable(InteractionReceived message, string what)
    {
        Assert.That(message.Channel, Does.Match("^[a-z0-9]+(-[a-z0-9]+)*$"), $"{what}: Channel is a lower-case key");
        Assert.That(message.ChannelAccount, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, $"{what}: ChannelAccount");
        Assert.That(message.ProviderMessageId, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, $"{what}: ProviderMessageId");
        Assert.That(message.CustomerAddress, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, $"{what}: CustomerAddress");
        Assert.That(message.InteractionId, Is.Not.EqualTo(Guid.Empty), $"{what}: InteractionId");
        Assert.That(message.ReceivedAt, Is.Not.EqualTo(default(DateTimeOffset)), $"{what}: ReceivedAt is set");
        Assert.That(message.ReceivedAt.Offset, Is.EqualTo(TimeSpan.Zero), $"{what}: ReceivedAt is UTC");
        Assert.That(message.Text, Is.Not.Null, $"{what}: Text (empty, not null, when there are only attachments)");
        Assert.That(message.Attachments, Is.Not.Null, $"{what}: Attachments");
        foreach (var attachment in message.Attachments)
        {
            Assert.That(Uri.TryCreate(attachment.Url, UriKind.Absolute, out _), Is.True, $"{what}: attachment URL '{attachment.Url}' is absolute");
            Assert.That(attachment.ContentType, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, $"{what}: attachment content type");
        }
    }
}
