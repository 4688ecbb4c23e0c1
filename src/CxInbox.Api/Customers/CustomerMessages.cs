using CxInbox.Data.Customers;

namespace CxInbox.Api.Customers;

public sealed record CustomerIdentityResponse(string Channel, string Address, string LinkedBy, DateTimeOffset FirstSeenAt);

public sealed record CustomerConversationResponse(Guid Id, string Channel, string ChannelAccount, string Address, string Status,
    Guid? AssigneeId, string? AssigneeName, string? JourneyStage, bool Complaint, DateTimeOffset CreatedAt, DateTimeOffset LastMessageAt);

public sealed record CustomerProfileResponse(Guid Id, string? Name, DateTimeOffset CreatedAt, IReadOnlyList<CustomerIdentityResponse> Identities,
    IReadOnlyList<CustomerConversationResponse> Conversations)
{
    public static CustomerProfileResponse From(CustomerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new(profile.Customer.Id, profile.Customer.DisplayName, profile.Customer.CreatedAt,
            [.. profile.Identities.Select(i => new CustomerIdentityResponse(i.Channel, i.Address, i.LinkKey, i.CreatedAt))],
            [.. profile.Conversations.Select(c => new CustomerConversationResponse(c.Id, c.Channel, c.ChannelAccount, c.CustomerAddress, c.Status,
                c.AssigneeId, c.AssigneeName, c.JourneyStage, c.Complaint, c.CreatedAt, c.LastMessageAt))]);
    }
}

public sealed record CustomerHistoryResponse(Guid CustomerId, IReadOnlyList<CustomerHistoryMessage> Messages);

/// <param name="Reason">Why, for the audit log.</param>
public sealed record MergeCustomersRequest(Guid? CustomerId, string? Reason = null);

/// <param name="Reason">Why, for the audit log.</param>
public sealed record SplitCustomerRequest(string? Channel, string? Address, string? Reason = null);
