using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CxInbox.Api.Auth;
using CxInbox.Classification;
using CxInbox.Data.Conversations;
using CxInbox.Routing.Tagging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Conversations;

/// <summary>Classification for integrators, and agents' corrections of tags, kept as labelled feedback.</summary>
public static class TagEndpoints
{
    public const int MaxClassifyLength = 20_000;

    public static IEndpointRouteBuilder MapTagEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/classify", Classify).RequireAuthorization(Policies.IntegratorOrStaff).WithTags("Classification")
            .WithSummary("Classify a text: journey stage, complaint, sales opportunity, language, with evidence");
        api.MapPut("/conversations/{id:guid}/tags", CorrectAsync).RequireAuthorization(Policies.Staff).RequireConversationAccess()
            .WithTags("Conversations").WithSummary("Correct a conversation's tags; kept as labelled feedback");
        api.MapGet("/tag-corrections", ExportAsync).RequireAuthorization(Policies.Integrator).WithTags("Classification")
            .WithSummary("Tag corrections as JSON Lines, for retraining");
        return app;
    }

    private static IResult Classify(ClassifyRequest request, IClassifierSource classifier)
    {
        if (request.Text is null || request.Text.Length > MaxClassifyLength)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Required, at most {MaxClassifyLength} characters."] },
                title: "The text is not valid");
        }

        var result = classifier.Current.Classify(request.Text, request.Channel);
        return Results.Ok(new ClassifyResponse(result.StageName, result.StageConfidence, result.Complaint, result.ComplaintConfidence,
            result.SalesOpportunity, result.SalesConfidence, result.Language,
            [.. result.Evidence.Select(e => new EvidenceResponse(e.Tag, e.Cue, e.Reason))]));
    }

    private static async Task<IResult> CorrectAsync(Guid id, TagCorrectionRequest request, TagCorrectionStore corrections,
        ConversationStore conversations, IOptionsMonitor<RoutingTableOptions> routingTable, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.JourneyStage is not null && !JourneyStages.TryParse(request.JourneyStage, out _))
        {
            errors["journeyStage"] = ["Must be one of insight, promotion, transaction, delivery, support, return."];
        }

        if (request.JourneyStage is null && request.Complaint is null && request.SalesOpportunity is null)
        {
            errors["tags"] = ["Give at least one of journeyStage, complaint, salesOpportunity."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The correction is not valid");
        }

        var correction = new TagCorrection(request.JourneyStage?.Trim().ToLowerInvariant(), request.Complaint, request.SalesOpportunity,
            request.Note, user.Identity?.Name ?? "unknown");
        if (!await corrections.CorrectAsync(id, correction, routingTable.CurrentValue.ToTable(), clock.GetUtcNow(), ct))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Conversation not found", detail: $"No conversation has id {id}.");
        }

        return Results.Ok(ConversationResponse.From((await conversations.GetAsync(id, ct))!));
    }

    /// <summary>Corrections as JSON Lines in the labelled-dataset format (id, channel, text, journey_stage,
    /// complaint, sales_opportunity), plus what was corrected, ready for retraining.</summary>
    private static async Task<IResult> ExportAsync(DateTimeOffset? since, TagCorrectionStore corrections, CancellationToken ct)
    {
        var rows = await corrections.ExportAsync(since ?? DateTimeOffset.UnixEpoch, ct);
        var lines = new StringBuilder();
        foreach (var row in rows)
        {
            lines.Append(JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["id"] = $"correction-{row.Id:N}",
                ["channel"] = row.Channel,
                ["language"] = row.Language,
                ["text"] = row.MessageText,
                ["journey_stage"] = row.JourneyStage,
                ["complaint"] = row.Complaint,
                ["sales_opportunity"] = row.SalesOpportunity,
                ["corrected_tag"] = row.Tag,
                ["old_value"] = row.OldValue,
                ["new_value"] = row.NewValue,
                ["note"] = row.Note,
                ["corrected_by"] = row.CorrectedBy,
                ["corrected_at"] = row.CorrectedAt,
                ["conversation_id"] = row.ConversationId,
            })).Append('\n');
        }

        return Results.Text(lines.ToString(), "application/x-ndjson", Encoding.UTF8);
    }
}

public sealed record ClassifyRequest(string? Text, string? Channel);

public sealed record ClassifyResponse(string JourneyStage, double StageConfidence, bool Complaint, double ComplaintConfidence,
    bool SalesOpportunity, double SalesConfidence, string Language, IReadOnlyList<EvidenceResponse> Evidence);

public sealed record TagCorrectionRequest(string? JourneyStage, bool? Complaint, bool? SalesOpportunity, string? Note);
