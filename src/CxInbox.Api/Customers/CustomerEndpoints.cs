using System.Security.Claims;
using System.Text.Json;
using CxInbox.Api.Auth;
using CxInbox.Contracts;
using CxInbox.Data.Audit;
using CxInbox.Data.Customers;
using CxInbox.Data.Storage;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Customers;

/// <summary>One customer on every channel: their addresses, conversations and history, and the supervisor's merge
/// and split when automatic linking was wrong or could not know.</summary>
public static class CustomerEndpoints
{
    private const int MaxHistory = 500;

    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers");
        customers.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Staff).RequireCustomerAccess()
            .WithSummary("A customer's identities on every channel and their conversations");
        customers.MapGet("/{id:guid}/history", HistoryAsync).RequireAuthorization(Policies.Staff).RequireCustomerAccess()
            .WithSummary("A customer's messages on every channel, newest first");
        customers.MapPost("/{id:guid}/merge", MergeAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("Merge another customer into this one (audited)");
        customers.MapPost("/{id:guid}/split", SplitAsync).RequireAuthorization(Policies.Supervisor)
            .WithSummary("Split an address off into a new customer (audited)");
        return app;
    }

    private static async Task<IResult> GetAsync(Guid id, CustomerStore store, CancellationToken ct) =>
        await store.GetAsync(id, ct) switch
        {
            null => NotFound(id),
            { Customer.MergedInto: { } survivor } => MergedAway(id, survivor),
            var profile => Results.Ok(CustomerProfileResponse.From(profile)),
        };

    private static async Task<IResult> HistoryAsync(Guid id, int? limit, CustomerStore store, CancellationToken ct)
    {
        if (limit is < 1 or > MaxHistory)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"Must be between 1 and {MaxHistory}."] },
                title: "The query is not valid");
        }

        switch (await store.GetAsync(id, ct))
        {
            case null:
                return NotFound(id);
            case { Customer.MergedInto: { } survivor }:
                return MergedAway(id, survivor);
        }

        return Results.Ok(new CustomerHistoryResponse(id, await store.HistoryAsync(id, limit ?? 100, ct)));
    }

    private static async Task<IResult> MergeAsync(Guid id, MergeCustomersRequest request, ClaimsPrincipal user, Database database, CustomerStore store,
        AuditLog audit, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        if (request.CustomerId is not { } other || other == id)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["customerId"] = ["The id of the other customer, to merge into this one."] },
                title: "The merge is not valid");
        }

        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var change = await store.MergeAsync(tx, id, other, ct);
        if (change is CustomerChange.Done)
        {
            await audit.RecordAsync(tx, new AuditEntry(Actor(user), AuditActions.CustomersMerged, "customer", id.ToString(), request.Reason?.Trim() ?? "",
                JsonSerializer.Serialize(new { mergedCustomerId = other }, JsonSerializerOptions.Web)), now, ct);
            await tx.CommitAsync(ct);
            await bus.Publish(new CustomersMerged { CustomerId = id, MergedCustomerId = other, MergedAt = now }, ct);
        }

        return await AnswerAsync(change, store, ct);
    }

    private static async Task<IResult> SplitAsync(Guid id, SplitCustomerRequest request, ClaimsPrincipal user, Database database, CustomerStore store,
        AuditLog audit, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Channel) || string.IsNullOrWhiteSpace(request.Address))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["channel, address"] = ["The address to split off, and its channel."] },
                title: "The split is not valid");
        }

        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var change = await store.SplitAsync(tx, id, request.Channel.Trim(), request.Address.Trim(), now, ct);
        if (change is CustomerChange.Done done)
        {
            await audit.RecordAsync(tx, new AuditEntry(Actor(user), AuditActions.CustomerSplit, "customer", id.ToString(), request.Reason?.Trim() ?? "",
                JsonSerializer.Serialize(new { newCustomerId = done.CustomerId, channel = request.Channel.Trim(), address = request.Address.Trim() }, JsonSerializerOptions.Web)), now, ct);
            await tx.CommitAsync(ct);
            await bus.Publish(new CustomerSplit { CustomerId = id, NewCustomerId = done.CustomerId, Channel = request.Channel.Trim(), Address = request.Address.Trim(), SplitAt = now }, ct);
        }

        return await AnswerAsync(change, store, ct);
    }

    private static async Task<IResult> AnswerAsync(CustomerChange change, CustomerStore store, CancellationToken ct) => change switch
    {
        CustomerChange.Done done => Results.Ok(CustomerProfileResponse.From((await store.GetAsync(done.CustomerId, ct))!)),
        CustomerChange.Refused { Why: CustomerChangeRefusal.NotFound } refused =>
            Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: refused.Detail),
        CustomerChange.Refused refused =>
            Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The customers cannot be changed that way", detail: refused.Detail),
        _ => throw new InvalidOperationException($"Unknown outcome {change}."),
    };

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer not found", detail: $"No customer has id {id}.");

    private static IResult MergedAway(Guid id, Guid survivor) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Customer merged",
            detail: $"Customer {id} was merged into {survivor}: use /api/customers/{survivor}.",
            extensions: new Dictionary<string, object?> { ["mergedInto"] = survivor });
}
