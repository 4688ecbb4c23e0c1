using CxInbox.Api.Auth;
using CxInbox.Channels.Capabilities;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Conversations;

/// <summary>An agent answers on the conversation's channel: the reply is stored as pending, then handed to the
/// channel's worker through the bus; its delivery state shows on the message. What the channel would refuse for
/// certain (too long, or its reply window closed: <see cref="ChannelCapabilities"/>) is refused here with 422 instead,
/// before anything is stored.</summary>
public static class ReplyEndpoints
{
    public const int MaxReplyLength = 10_000;

    public static IEndpointRouteBuilder MapReplyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/conversations").RequireAuthorization(Policies.Staff).WithTags("Conversations")
            .MapPost("/{id:guid}/replies", ReplyAsync).RequireConversationAccess()
            .WithSummary("Reply on the conversation's channel; the delivery state shows on the message");
        return app;
    }

    private static async Task<IResult> ReplyAsync(Guid id, ReplyRequest request, ReplyStore replies, ConsentStore consents,
        ChannelCapabilitiesCatalog channels, IPublishEndpoint bus, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > MaxReplyLength)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Required, at most {MaxReplyLength} characters."] },
                title: "The reply is not valid");
        }

        var thread = await replies.FindThreadAsync(id, ct);
        if (thread is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.");
        }

        var consent = await consents.FindAsync(thread.Channel, thread.ChannelAccount, thread.CustomerAddress, ct);
        if (consent is { OptedOut: true })
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The customer has opted out",
                detail: $"The customer opted out ({consent.Keyword}) on {consent.ChangedAt:yyyy-MM-dd HH:mm} UTC; nothing can be sent to them on this {thread.Channel} thread until they opt back in.");
        }

        var now = clock.GetUtcNow();
        if (channels.Find(thread.Channel)?.CheckReply(request.Text, thread.LastCustomerMessageAt, now) is { } refusal)
        {
            return Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: refusal.Code == ReplyRefusal.TooLong ? "The reply is longer than the channel allows" : "The channel's reply window has closed",
                detail: refusal.Reason, extensions: new Dictionary<string, object?> { ["code"] = refusal.Code });
        }

        var replyId = Guid.CreateVersion7(now);
        var messageId = await replies.AddAsync(thread, replyId, request.Text, now, ct);
        // Should this process stop before the publish, the stalled-reply sweeper publishes it (CxInbox:Replies).
        await bus.Publish(thread.ToCommand(replyId, request.Text, now), ct);
        return Results.Accepted($"/api/conversations/{id}", new ReplyResponse(replyId, messageId, "pending"));
    }
}

public sealed record ReplyRequest(string? Text);

public sealed record ReplyResponse(Guid ReplyId, Guid MessageId, string Status);
