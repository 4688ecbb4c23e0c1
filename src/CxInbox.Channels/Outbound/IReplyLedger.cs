namespace CxInbox.Channels.Outbound;

/// <summary>
/// Where sends are recorded, so that a redelivered <c>SendReply</c> never sends twice. The store behind it is not the
/// channels' business: the Host provides it.
/// </summary>
public interface IReplyLedger
{
    /// <summary>Records that a send is about to start. Returns <see cref="ReplyAttempt.First"/> when this is the
    /// first attempt and the recorded outcome when the reply was sent or failed before.
    /// <see cref="ReplyAttempt.InProgress"/> when an earlier attempt started recently and has not recorded its
    /// outcome: it may still be sending. An earlier attempt that started longer ago than any send takes was cut off
    /// (a crash mid-send): the ledger records the reply failed, as the provider may or may not have it, and returns
    /// that outcome.</summary>
    Task<ReplyAttempt> BeginAsync(Guid replyId, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordAsync(Guid replyId, SendOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);
}

public abstract record ReplyAttempt
{
    public sealed record First : ReplyAttempt;

    public sealed record Finished(SendOutcome Outcome) : ReplyAttempt;

    /// <summary>Another attempt holds the reply; it, or the Host's sweeper once the attempt's time is up, settles it.</summary>
    public sealed record InProgress : ReplyAttempt;
}
