using System.Security.Claims;
using CxInbox.Api.Auth;
using CxInbox.Data.CannedResponses;
using CxInbox.Data.Conversations;
using CxInbox.Routing.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.CannedResponses;

/// <summary>Standard answers: supervisors keep them, agents list them and render one for a conversation, with its
/// placeholders filled in (customer's first name, agent's name, order number).</summary>
public static class CannedResponseEndpoints
{
    public static IEndpointRouteBuilder MapCannedResponseEndpoints(this IEndpointRouteBuilder app)
    {
        var canned = app.MapGroup("/api/canned-responses").WithTags("Canned responses");
        canned.MapGet("/", ListAsync).RequireAuthorization(Policies.Staff).WithSummary("Every canned response, by title");
        canned.MapPost("/", CreateAsync).RequireAuthorization(Policies.Supervisor).WithSummary("Add a canned response");
        canned.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Supervisor).WithSummary("Change a canned response");
        canned.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.Supervisor).WithSummary("Remove a canned response");
        app.MapPost("/api/conversations/{id:guid}/canned-response", RenderAsync).RequireAuthorization(Policies.Staff).RequireConversationAccess()
            .WithTags("Canned responses").WithSummary("A canned response's text for this conversation, placeholders filled in");
        return app;
    }

    private static async Task<IResult> ListAsync(CannedResponseStore store, CancellationToken ct) =>
        Results.Ok((await store.ListAsync(ct)).Select(CannedResponseResponse.From));

    private static async Task<IResult> CreateAsync(CannedResponseRequest request, ClaimsPrincipal user, CannedResponseStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The canned response is not valid");
        }

        var (outcome, created) = await store.CreateAsync(request.Title!.Trim(), request.Body!, Team(request), Actor(user), clock.GetUtcNow(), ct);
        return outcome == CannedResponseChange.TitleTaken
            ? TitleTaken(request.Title!)
            : Results.Created($"/api/canned-responses/{created!.Id}", CannedResponseResponse.From(created));
    }

    private static async Task<IResult> UpdateAsync(Guid id, CannedResponseRequest request, ClaimsPrincipal user, CannedResponseStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The canned response is not valid");
        }

        var (outcome, updated) = await store.UpdateAsync(id, request.Title!.Trim(), request.Body!, Team(request), Actor(user), clock.GetUtcNow(), ct);
        return outcome switch
        {
            CannedResponseChange.NotFound => NotFound(id),
            CannedResponseChange.TitleTaken => TitleTaken(request.Title!),
            _ => Results.Ok(CannedResponseResponse.From(updated!)),
        };
    }

    private static async Task<IResult> DeleteAsync(Guid id, CannedResponseStore store, CancellationToken ct) =>
        await store.DeleteAsync(id, ct) ? Results.NoContent() : NotFound(id);

    private static async Task<IResult> RenderAsync(Guid id, RenderRequest request, ClaimsPrincipal user, CannedResponseStore store,
        ConversationStore conversations, CancellationToken ct)
    {
        if (request.CannedResponseId is not { } cannedId)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["cannedResponseId"] = ["Which canned response to use."] },
                title: "The request is not valid");
        }

        if (await store.GetAsync(cannedId, ct) is not { } canned)
        {
            return NotFound(cannedId);
        }

        if (await conversations.GetAsync(id, ct) is not { } conversation)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.");
        }

        var customerTexts = conversation.Messages.Where(m => m.Direction == "inbound").Reverse().Select(m => m.Text);
        var values = new PlaceholderValues(
            CannedResponseTemplate.FirstNameOf(conversation.Summary.CustomerName),
            user.FindFirstValue(CxInboxClaims.DisplayName) ?? user.Identity?.Name,
            string.IsNullOrWhiteSpace(request.OrderNumber) ? CannedResponseTemplate.OrderNumberIn(customerTexts) : request.OrderNumber.Trim());
        var rendered = CannedResponseTemplate.Render(canned.Body, values);
        return Results.Ok(new RenderedResponseResponse(cannedId, rendered.Text, rendered.Missing));
    }

    private static string? Team(CannedResponseRequest request) => request.Team?.Trim().ToLowerInvariant();

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static IResult NotFound(Guid id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Canned response not found", detail: $"No canned response has id {id}.");

    private static IResult TitleTaken(string title) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Title taken", detail: $"A canned response is already called '{title.Trim()}'.");
}
