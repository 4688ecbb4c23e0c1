using CxInbox.Api.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Admin;

public static class DeadLetterEndpoints
{
    private const int MaxPeek = 100;

    public static IEndpointRouteBuilder MapDeadLetterEndpoints(this IEndpointRouteBuilder app)
    {
        var deadLetters = app.MapGroup("/api/admin/dead-letters").RequireAuthorization(Policies.Admin).WithTags("Administration");
        deadLetters.MapGet("/", ListAsync).WithSummary("Messages in CxInbox's error queues, with the reason they failed");
        deadLetters.MapPost("/{queue}/replay", ReplayAsync).WithSummary("Send an error queue's messages through again");
        return app;
    }

    private static async Task<IResult> ListAsync(int? peek, IDeadLetters deadLetters, CancellationToken ct)
    {
        if (peek is < 0 or > MaxPeek)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["peek"] = [$"Must be between 0 and {MaxPeek}."] },
                title: "The query is not valid");
        }

        return deadLetters.Available ? Results.Ok(await deadLetters.ListAsync(peek ?? 20, ct)) : NoBroker();
    }

    private static async Task<IResult> ReplayAsync(string queue, IDeadLetters deadLetters, CancellationToken ct)
    {
        if (!deadLetters.Available)
        {
            return NoBroker();
        }

        return await deadLetters.ReplayAsync(queue, ct) is { } replayed
            ? Results.Ok(new { queue, replayed })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such error queue",
                detail: $"{queue} is not one of CxInbox's error queues; GET /api/admin/dead-letters lists them.");
    }

    private static IResult NoBroker() =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No error queues here",
            detail: "The embedded in-memory bus keeps no error queues; dead letters are kept by RabbitMQ (ConnectionStrings:RabbitMq).");
}
