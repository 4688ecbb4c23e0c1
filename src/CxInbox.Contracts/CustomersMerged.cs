namespace CxInbox.Contracts;

/// <summary>
/// Published by the api role when a supervisor merged two customer profiles that are one person: everything of
/// <see cref="MergedCustomerId"/> now belongs to <see cref="CustomerId"/>, and the merged id is not used again.
/// </summary>
public sealed record CustomersMerged
{
    public required Guid CustomerId { get; init; }
    public required Guid MergedCustomerId { get; init; }
    public required DateTimeOffset MergedAt { get; init; }
}
