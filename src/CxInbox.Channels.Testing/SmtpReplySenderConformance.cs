using System.Net;
using System.Text.RegularExpressions;
using CxInbox.Channels.Outbound;
using NUnit.Framework;

namespace CxInbox.Channels.Testing;

/// <summary>
/// The checks of <see cref="ReplySenderConformance"/> for a sender whose provider peer speaks SMTP rather than HTTP:
/// an SMTP server's 2xx is acceptance, a 4xx is worth another try (RFC 5321 §4.2.1: "transient negative completion")
/// and a 5xx is permanent. Transient answers come from the suite's <see cref="ScriptedSmtpServer"/>, since no real
/// server fails on demand; acceptance and the permanent refusal come from the real servers the adapter's test names
/// (<see cref="AcceptingServer"/>, <see cref="RefusingServer"/>), else from the scripted one. Inherit it once in a class
/// marked <c>[TestFixture]</c>.
/// </summary>
public abstract partial class SmtpReplySenderConformance
{
    private readonly List<ISmtpPeer> peers = [];

    /// <summary>The adapter's sender, sending through the SMTP server at <paramref name="server"/> (plain SMTP, no TLS,
    /// no login), with <paramref name="resilience"/> and <paramref name="clock"/>.</summary>
    protected abstract IReplySender CreateSender(DnsEndPoint server, ProviderResilienceOptions resilience, TimeProvider clock);

    /// <summary>A reply the sender will send, to a recipient <see cref="AcceptingServer"/> takes.</summary>
    protected abstract OutboundReply SampleReply(DateTimeOffset now);

    /// <summary>A real SMTP server that takes <see cref="SampleReply"/>; null (the default) for the scripted one.</summary>
    protected virtual DnsEndPoint? AcceptingServer => null;

    /// <summary>A real SMTP server that refuses <see cref="SampleReply"/>'s recipient with a 5xx (e.g. one that refuses
    /// to relay); null (the default) for the scripted one answering <see cref="PermanentRefusal"/>.</summary>
    protected virtual DnsEndPoint? RefusingServer => null;

    /// <summary>The scripted server's answer to RCPT TO when it fails transiently. Default: 451 4.3.0.</summary>
    protected virtual string TransientRefusal => "451 4.3.0 Temporary lookup failure, try again later";

    /// <summary>The scripted server's answer to RCPT TO when it refuses for good. Default: 550 5.1.1.</summary>
    protected virtual string PermanentRefusal => "550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table";

    /// <summary>As <see cref="ReplySenderConformance"/>: retries fast, with a generous attempt timeout.</summary>
    protected static ProviderResilienceOptions FastRetries() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    [TearDown]
    public async Task StopPeersAsync()
    {
        foreach (var peer in peers)
        {
            await peer.DisposeAsync();
        }

        peers.Clear();
    }

    [Test]
    public async Task An_accepted_send_is_Sent_with_the_providers_message_id()
    {
        var peer = Peer(AcceptingServer, _ => null);

        var outcome = await SendAsync(peer);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(), $"got {outcome}");
        Assert.That(peer.Sessions, Is.EqualTo(1), "SMTP sessions");
        // SMTP servers give no id of their own in a standard form: the id is the Message-ID the sender wrote, which
        // is what a bounce or the customer's answer will name.
        Assert.That(MessageIdsSent(peer), Is.EqualTo(new[] { ((SendOutcome.Sent)outcome).ProviderMessageId }),
            "the Message-ID of the one mail the server took");
    }

    [Test]
    public async Task A_permanent_refusal_fails_permanently_after_exactly_one_request()
    {
        var peer = Peer(RefusingServer, _ => PermanentRefusal);

        var outcome = await SendAsync(peer);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), $"got {outcome}");
        var failed = (SendOutcome.Failed)outcome;
        Assert.That(failed.IsPermanent, Is.True, $"IsPermanent of {failed}");
        Assert.That(failed.Reason, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, "the reason the agent reads");
        Assert.That(peer.Sessions, Is.EqualTo(1), "SMTP sessions: a 5xx is never retried");
        Assert.That(MessageIdsSent(peer), Is.Empty, "mails sent: the recipient was refused");
    }

    [Test]
    public async Task A_burst_of_transient_failures_then_acceptance_is_Sent_after_retries()
    {
        const int failures = 2;
        var peer = Peer(null, session => session <= failures ? TransientRefusal : null);

        var outcome = await SendAsync(peer);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(), $"got {outcome}");
        Assert.That(peer.Sessions, Is.EqualTo(failures + 1), "SMTP sessions: each 4xx retried once, nothing after the acceptance");
        Assert.That(MessageIdsSent(peer), Is.EqualTo(new[] { ((SendOutcome.Sent)outcome).ProviderMessageId }), "the one mail the server took");
    }

    [Test]
    public async Task Transient_failures_that_persist_end_in_a_failure_that_is_not_permanent()
    {
        var peer = Peer(null, _ => TransientRefusal);

        var outcome = await SendAsync(peer);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), $"got {outcome}");
        var failed = (SendOutcome.Failed)outcome;
        Assert.That(failed.IsPermanent, Is.False, $"IsPermanent of {failed}: the agent may send it again later");
        Assert.That(failed.Reason, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, "the reason the agent reads");
        Assert.That(peer.Sessions, Is.InRange(1, FastRetries().MaxRetryAttempts + 1), "SMTP sessions: within the configured retries");
    }

    [Test]
    public void A_rate_limited_send_waits_as_asked_and_is_retried() =>
        Assert.Ignore("Not applicable: an SMTP server that wants a sender to slow down answers 421 or 4xx without saying for how long " +
            "(RFC 5321 §4.2); that is a transient failure, checked above.");

    private ISmtpPeer Peer(DnsEndPoint? realServer, Func<int, string?> refusalOfSession)
    {
        ISmtpPeer peer = realServer is null ? new ScriptedSmtpServer(refusalOfSession) : new SmtpRelay(realServer);
        peers.Add(peer);
        return peer;
    }

    private async Task<SendOutcome> SendAsync(ISmtpPeer peer)
    {
        var sender = CreateSender(peer.Address, FastRetries(), TimeProvider.System);
        return await sender.SendAsync(SampleReply(DateTimeOffset.UtcNow), CancellationToken.None);
    }

    /// <summary>The Message-ID of each mail whose DATA the server took (a session that got as far as the final dot).</summary>
    private static List<string> MessageIdsSent(ISmtpPeer peer) =>
        [.. peer.Transcripts
            .Select(t => DataSection().Match(t))
            .Where(m => m.Success)
            .Select(m => MessageIdHeader().Match(m.Groups[1].Value))
            .Select(m => m.Success ? m.Groups[1].Value : "(no Message-ID)")];

    [GeneratedRegex(@"^DATA\r\n(.*?)\r\n\.\r\n", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex DataSection();

    [GeneratedRegex(@"^Message-ID:\s*<([^>\r\n]+)>", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MessageIdHeader();
}
