using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using MassTransit;
using CxInbox.Routing.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Conversations;

public static class ConversationEndpoints
{
    public static IEndpointRouteBuilder MapConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/conversations").RequireAuthorization(Policies.Staff).WithTags("Conversations");
        conversations.MapGet("/", ([AsParameters] ConversationQuery query, ClaimsPrincipal user, ConversationStore store, CancellationToken ct) =>
            ListAsync(query, user, store, ct)).WithSummary("Conversations the caller may see, newest first, filtered and paged");
        var one = conversations.MapGroup("/{id:guid}").RequireConversationAccess();
        one.MapGet("/", GetAsync).WithSummary("One conversation with its messages");
        one.MapPost("/resolve", ResolveAsync).WithSummary("Resolve: frees the agent's capacity");
        one.MapPost("/snooze", SnoozeAsync).WithSummary("Set aside until a time or the customer's next message");
        one.MapPost("/pending", PendingAsync).WithSummary("Set aside until the customer writes");
        return app;
    }

    /// <summary>Out of the agent's way until a time, or until the customer writes, whichever comes first. The agent
    /// keeps the conversation (and it keeps its place in their load).</summary>
    private static async Task<IResult> SnoozeAsync(Guid id, SnoozeRequest request, ConversationStore store, IPublishEndpoint bus, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.Until is not { } until || until <= now || until > now.AddDays(SnoozeRequest.MaxDays))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["until"] = [$"When the conversation comes back, with its time zone: after now and within {SnoozeRequest.MaxDays} days."],
            }, title: "The snooze is not valid");
        }

        return await SetAsideAsync(id, ConversationStatus.Snoozed, until, store, bus, now, ct);
    }

    /// <summary>Waiting on the customer: out of the agent's working view until the customer writes.</summary>
    private static Task<IResult> PendingAsync(Guid id, ConversationStore store, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct) =>
        SetAsideAsync(id, ConversationStatus.Pending, null, store, bus, clock.GetUtcNow(), ct);

    private static async Task<IResult> SetAsideAsync(Guid id, ConversationStatus status, DateTimeOffset? until, ConversationStore store,
        IPublishEndpoint bus, DateTimeOffset now, CancellationToken ct)
    {
        if (!await store.SetAsideAsync(id, status, until, ct))
        {
            return await store.GetAsync(id, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.")
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conversation resolved",
                    detail: $"Conversation {id} is resolved; only an open, pending or snoozed conversation can be set aside.");
        }

        var detail = (await store.GetAsync(id, ct))!;
        await bus.Publish(new ConversationStatusChanged
        {
            ConversationId = id, AgentId = detail.Summary.AssigneeId, Status = status.ToName(), SnoozedUntil = until, ChangedAt = now,
        }, ct);
        return Results.Ok(ConversationResponse.From(detail));
    }

    /// <summary>The agent is done: the conversation leaves their queue, their capacity frees up, and a new message
    /// from the customer reopens it within the reopen window (Routing:Threading:ReopenWindow).</summary>
    private static async Task<IResult> ResolveAsync(Guid id, ConversationStore store, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (resolved, agentId) = await store.ResolveAsync(id, now, ct);
        if (!resolved)
        {
            return await store.GetAsync(id, ct) is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.")
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already resolved", detail: $"Conversation {id} is already resolved.");
        }

        await bus.Publish(new ConversationResolved { ConversationId = id, AgentId = agentId, ResolvedAt = now }, ct);
        return Results.Ok(ConversationResponse.From((await store.GetAsync(id, ct))!));
    }

    internal static async Task<IResult> ListAsync(ConversationQuery query, ClaimsPrincipal user, ConversationStore store, CancellationToken ct)
    {
        var errors = query.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The conversation filter is not valid");
        }

        var page = await store.ListAsync(query.ToFilter() with { Visibility = ConversationAccess.VisibilityOf(user) }, ct);
        return Results.Ok(new ConversationPageResponse(
            [.. page.Items.Select(ConversationResponse.From)], page.Page, page.PageSize, page.Total));
    }

    private static async Task<IResult> GetAsync(Guid id, ConversationStore store, CancellationToken ct)
    {
        var detail = await store.GetAsync(id, ct);
        return detail is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.")
            : Results.Ok(ConversationResponse.From(detail));
    }
}

public sealed record ConversationQuery(string? Status, Guid? AssigneeId, string? Channel, bool? Unassigned, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (Status is not null && !ConversationStatusNames.TryParse(Status, out _))
        {
            errors["status"] = ["Must be one of open, pending, snoozed, resolved."];
        }

        if (Page is < 1)
        {
            errors["page"] = ["Pages start at 1."];
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"From 1 to {MaxPageSize}; default {DefaultPageSize}."];
        }

        return errors;
    }

    public ConversationFilter ToFilter() => new(
        Status?.ToLowerInvariant(), AssigneeId, Channel?.ToLowerInvariant(), Unassigned ?? false, Page ?? 1, PageSize ?? DefaultPageSize);
}
