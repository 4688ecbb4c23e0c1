namespace CxInbox.Channels.Outbound;

/// <summary>
/// Where sends are recorded, so that a redelivered <c>SendReply</c> never sends twice. The store behind it is not the
/// channels' business: the Host provides it.
/// </summary>
public interface IReplyLedger
{
    /// <summary>Records that a send is about to start. Returns <see cref="ReplyAttempt.First"/> when this is the
    /// first attempt, the recorded outcome when the reply was sent or failed before, and
    /// <see cref="ReplyAttempt.Interrupted"/> when an earlier attempt started but never recorded its outcome (a
    /// crash mid-send): the provider may or may not have it.</summary>
    Task<ReplyAttempt> BeginAsync(Guid replyId, DateTimeOffset now, CancellationToken cancellationToken);

    Task RecordAsync(Guid replyId, SendOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);
}

public abstract record ReplyAttempt
{
    public sealed record First : ReplyAttempt;

    public sealed record Finished(SendOutcome Outcome) : ReplyAttempt;

    public sealed record Interrupted : ReplyAttempt;
}
