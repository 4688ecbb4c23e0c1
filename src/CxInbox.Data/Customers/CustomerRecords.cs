namespace CxInbox.Data.Customers;

// Records with settable properties, not positional ones: Dapper then converts SQLite's integers and text ids.

public sealed record CustomerRecord
{
    public Guid Id { get; init; }
    public string? DisplayName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid? MergedInto { get; init; }
}

/// <summary>An address the customer writes from, and the identity that links it to their other addresses.</summary>
public sealed record CustomerIdentity
{
    public string Channel { get; init; } = "";
    public string Address { get; init; } = "";
    public string LinkKey { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed record CustomerConversation
{
    public Guid Id { get; init; }
    public string Channel { get; init; } = "";
    public string ChannelAccount { get; init; } = "";
    public string CustomerAddress { get; init; } = "";
    public string Status { get; init; } = "";
    public Guid? AssigneeId { get; init; }
    public string? AssigneeName { get; init; }
    public string? JourneyStage { get; init; }
    public bool Complaint { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastMessageAt { get; init; }
}

public sealed record CustomerHistoryMessage
{
    public Guid Id { get; init; }
    public Guid ConversationId { get; init; }
    public string Channel { get; init; } = "";
    public string Direction { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset SentAt { get; init; }
}

public sealed record CustomerProfile(CustomerRecord Customer, IReadOnlyList<CustomerIdentity> Identities, IReadOnlyList<CustomerConversation> Conversations);

public enum CustomerChangeRefusal
{
    NotFound,
    Conflict,
}

/// <summary>What became of a merge or a split.</summary>
public abstract record CustomerChange
{
    /// <summary>Done; <paramref name="CustomerId"/> is the surviving customer of a merge, the new one of a split.</summary>
    public sealed record Done(Guid CustomerId) : CustomerChange;

    public sealed record Refused(CustomerChangeRefusal Why, string Detail) : CustomerChange;
}
