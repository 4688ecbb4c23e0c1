namespace CxInbox.Api.Admin;

/// <summary>
/// Messages a consumer could not handle (poison messages), kept by the broker in each input queue's <c>_error</c>
/// queue until an administrator has fixed the cause and replays them.
/// </summary>
public interface IDeadLetters
{
    /// <summary>False when the bus keeps no error queues an administrator can reach (the embedded in-memory bus).</summary>
    bool Available { get; }

    /// <summary>Every error queue with its count and its first <paramref name="peek"/> messages, left in place.</summary>
    Task<IReadOnlyList<ErrorQueueContents>> ListAsync(int peek, CancellationToken cancellationToken);

    /// <summary>Moves the messages of one error queue back to its input queue; null when no such error queue exists.</summary>
    Task<int?> ReplayAsync(string errorQueue, CancellationToken cancellationToken);
}

public sealed record ErrorQueueContents(string Queue, string InputQueue, long Count, IReadOnlyList<DeadLetter> Messages);

/// <param name="Reason">The consumer's exception, as MassTransit recorded it with the message.</param>
public sealed record DeadLetter(string? MessageId, string? MessageType, string? ExceptionType, string? Reason, string? FaultedAt);
