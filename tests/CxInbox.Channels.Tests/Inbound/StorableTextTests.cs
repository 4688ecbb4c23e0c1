using CxInbox.Channels.Inbound;
using CxInbox.Contracts;

namespace CxInbox.Channels.Tests.Inbound;

public sealed class StorableTextTests
{
    [Test]
    public void A_NUL_anywhere_in_a_message_becomes_a_replacement_character_and_nothing_else_changes()
    {
        // Found by the hostile-input suite: a signed SMS with %00 in its body was answered 200 and never stored.
        var message = new InteractionReceived
        {
            InteractionId = Guid.NewGuid(),
            Channel = "sms",
            ChannelAccount = "+15555550100",
            ProviderMessageId = "SM\0 1",
            CustomerAddress = "+15555550123",
            CustomerName = "Ri\0na",
            Text = "a\0b",
            ReceivedAt = DateTimeOffset.UnixEpoch,
            References = ["x\0"],
            Attachments = [new AttachmentRef { Url = "https://example.com/\0", ContentType = "image/png" }],
        };

        var clean = StorableText.Of(new InboundBatch { Messages = [message] }).Messages.Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clean.ProviderMessageId, Is.EqualTo("SM\uFFFD 1"));
            Assert.That(clean.CustomerName, Is.EqualTo("Ri\uFFFDna"));
            Assert.That(clean.Text, Is.EqualTo("a\uFFFDb"));
            Assert.That(clean.References, Is.EqualTo(new[] { "x\uFFFD" }));
            Assert.That(clean.Attachments.Single().Url, Is.EqualTo("https://example.com/\uFFFD"));
            Assert.That(clean with { ProviderMessageId = "", CustomerName = "", Text = "", References = [], Attachments = [] },
                Is.EqualTo(message with { ProviderMessageId = "", CustomerName = "", Text = "", References = [], Attachments = [] }));
        }
    }
}
