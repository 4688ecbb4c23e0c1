using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Outbound;
using NUnit.Framework;

namespace CxInbox.Channels.Testing;

/// <summary>The adapter's <see cref="ChannelCapabilities"/> against its sender: the reply API refuses what the
/// declaration says the channel refuses, so the sender must refuse exactly that too, and take what it allows.</summary>
public abstract partial class ReplySenderConformance
{
    /// <summary>The reply API's own ceiling: a channel that declares no length limit must take a reply this long.</summary>
    protected const int ReplyApiMaxLength = 10_000;

    /// <summary>What the adapter declares for the sender's channel (its static <see cref="ChannelCapabilities"/>).</summary>
    protected abstract ChannelCapabilities Capabilities { get; }

    [Test]
    public async Task The_declared_capabilities_are_for_the_senders_channel_and_sane()
    {
        var run = await StartAsync(_ => Accepted("conformance-0004"));
        var declared = Capabilities;

        Assert.Multiple(() =>
        {
            Assert.That(declared.Channel, Is.Not.Empty.And.EqualTo(declared.Channel.ToLowerInvariant()), "the channel key is lower case");
            Assert.That(declared.Channel, Is.EqualTo(run.Sender.Channel), "the declaration's channel key is the sender's");
            Assert.That(run.Reply.Channel, Is.EqualTo(declared.Channel), "SampleReply's channel");
            Assert.That(declared.MaxReplyLength, Is.Null.Or.Positive, "MaxReplyLength");
            Assert.That(declared.ReplyWindow, Is.Null.Or.GreaterThan(TimeSpan.Zero), "ReplyWindow");
            Assert.That(declared.ReplyLength(""), Is.Zero, "ReplyLength of an empty reply");
            Assert.That(declared.ReplyLength("a"), Is.Positive, "ReplyLength of one letter");
            Assert.That(declared.OptOutKeywords.Concat(declared.OptInKeywords), Has.None.Null.And.None.Empty.And.None.Contains(" "), "keywords are single words");
            Assert.That(declared.OptOutKeywords.Intersect(declared.OptInKeywords, StringComparer.OrdinalIgnoreCase), Is.Empty,
                "no keyword both opts out and opts in");
        });
    }

    [Test]
    public async Task The_sender_keeps_to_the_declared_length_limit()
    {
        var declared = Capabilities;
        var run = await StartAsync(_ => Accepted("conformance-0005"));

        if (declared.MaxReplyLength is { } max)
        {
            var text = new string('a', max + 1);
            Assert.That(declared.ReplyLength(text), Is.GreaterThan(max), "a reply of max + 1 letters is over the declared limit");

            var outcome = await run.Sender.SendAsync(run.Reply with { Text = text }, CancellationToken.None);

            Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), $"a reply over the declared {max}: got {outcome}");
            Assert.That(((SendOutcome.Failed)outcome).IsPermanent, Is.True, "a reply that is too long stays too long");
            Assert.That(run.Provider.Requests, Is.Empty, "requests to the provider for a reply the channel cannot take");
        }
        else
        {
            var outcome = await run.Sender.SendAsync(run.Reply with { Text = new string('a', ReplyApiMaxLength) }, CancellationToken.None);

            Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(),
                $"the channel declares no length limit, so a reply at the reply API's {ReplyApiMaxLength} characters must go out: got {outcome}");
        }
    }

    [Test]
    public async Task The_sender_keeps_to_the_declared_reply_window()
    {
        var declared = Capabilities;
        var run = await StartAsync(_ => Accepted("conformance-0006"));
        var now = run.Clock.GetUtcNow();

        if (declared.ReplyWindow is { } window)
        {
            var outcome = await run.Sender.SendAsync(run.Reply with { LastCustomerMessageAt = now - window - TimeSpan.FromMinutes(1) }, CancellationToken.None);

            Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), $"a reply a minute after the declared {window} window: got {outcome}");
            Assert.That(((SendOutcome.Failed)outcome).IsPermanent, Is.True, "the window opens again only when the customer writes");
            Assert.That(run.Provider.Requests, Is.Empty, "requests to the provider for a reply the channel cannot take");
        }
        else
        {
            var outcome = await run.Sender.SendAsync(run.Reply with { LastCustomerMessageAt = now.AddDays(-30) }, CancellationToken.None);

            Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(),
                $"the channel declares no reply window, so a reply 30 days after the customer wrote must go out: got {outcome}");
        }
    }
}
