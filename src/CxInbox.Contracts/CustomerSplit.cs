namespace CxInbox.Contracts;

/// <summary>
/// Published by the api role when a supervisor split an address off a customer profile (two people linked by a
/// shared identity): the address, the addresses linked with it, and their conversations now belong to
/// <see cref="NewCustomerId"/>.
/// </summary>
public sealed record CustomerSplit
{
    public required Guid CustomerId { get; init; }
    public required Guid NewCustomerId { get; init; }
    public required string Channel { get; init; }
    public required string Address { get; init; }
    public required DateTimeOffset SplitAt { get; init; }
}
