using CxInbox.Data.Storage;
using CxInbox.Routing.Tagging;
using Dapper;

namespace CxInbox.Data.Conversations;

/// <summary>Every SQL statement that touches <c>tag_corrections</c>: agents' corrections, kept as labelled feedback.</summary>
public sealed class TagCorrectionStore(Database database, ConversationStore conversations)
{
    private const string SelectLastCustomerText = """
        SELECT text FROM messages WHERE conversation_id = @id AND direction = 'inbound' ORDER BY sent_at DESC, id DESC LIMIT 1
        """;

    private const string InsertCorrection = """
        INSERT INTO tag_corrections (id, conversation_id, tag, old_value, new_value, note, corrected_by, corrected_at, message_text)
        VALUES (@id, @conversationId, @tag, @oldValue, @newValue, @note, @correctedBy, @correctedAt, @messageText)
        """;

    // The labels exported are the conversation's tags as they stand, corrections included.
    private const string SelectForExport = """
        SELECT t.id, t.conversation_id, c.channel, t.message_text, c.journey_stage, c.complaint, c.sales_opportunity, c.language,
               t.tag, t.old_value, t.new_value, t.note, t.corrected_by, t.corrected_at
        FROM tag_corrections t JOIN conversations c ON c.id = t.conversation_id
        WHERE t.corrected_at >= @since
        ORDER BY t.corrected_at, t.id
        """;

    /// <summary>Applies an agent's correction: records each changed tag with the customer's latest words, pins the
    /// conversation's tags, and routes it by them. Returns false when the conversation does not exist.</summary>
    public async Task<bool> CorrectAsync(Guid conversationId, TagCorrection correction, RoutingTable table, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(table);
        await using var tx = await database.BeginAsync(cancellationToken);
        var outcome = await conversations.FindOutcomeAsync(tx, conversationId, cancellationToken);
        if (outcome is null)
        {
            return false;
        }

        var before = outcome.Tags ?? new ConversationTags("support", false, false, "", false);
        var after = before with
        {
            Stage = correction.JourneyStage ?? before.Stage,
            Complaint = correction.Complaint ?? before.Complaint,
            SalesOpportunity = correction.SalesOpportunity ?? before.SalesOpportunity,
            CorrectedByAgent = true,
        };
        var text = await tx.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(SelectLastCustomerText,
            new { id = conversationId }, tx.Transaction, cancellationToken: cancellationToken)) ?? "";
        var changes = new (string Tag, string? Old, string New, bool Changed)[]
        {
            ("journey_stage", outcome.Tags?.Stage, after.Stage, correction.JourneyStage is not null),
            ("complaint", outcome.Tags?.Complaint.ToString().ToLowerInvariant(), after.Complaint.ToString().ToLowerInvariant(), correction.Complaint is not null),
            ("sales_opportunity", outcome.Tags?.SalesOpportunity.ToString().ToLowerInvariant(), after.SalesOpportunity.ToString().ToLowerInvariant(), correction.SalesOpportunity is not null),
        };
        foreach (var change in changes.Where(c => c.Changed))
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(InsertCorrection, new
            {
                id = Guid.CreateVersion7(now),
                conversationId,
                tag = change.Tag,
                oldValue = change.Old,
                newValue = change.New,
                note = correction.Note,
                correctedBy = correction.CorrectedBy,
                correctedAt = now,
                messageText = text,
            }, tx.Transaction, cancellationToken: cancellationToken));
        }

        await conversations.SaveRoutingAsync(tx, conversationId, after, table.Decide(after), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<TagCorrectionRecord>> ExportAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<TagCorrectionRecord>(new CommandDefinition(SelectForExport, new { since }, cancellationToken: cancellationToken))];
    }
}

/// <summary>An agent's correction; null fields are left as they are.</summary>
public sealed record TagCorrection(string? JourneyStage, bool? Complaint, bool? SalesOpportunity, string? Note, string CorrectedBy);

public sealed record TagCorrectionRecord
{
    public Guid Id { get; init; }
    public Guid ConversationId { get; init; }
    public string Channel { get; init; } = "";
    public string MessageText { get; init; } = "";
    public string? JourneyStage { get; init; }
    public bool Complaint { get; init; }
    public bool SalesOpportunity { get; init; }
    public string? Language { get; init; }
    public string Tag { get; init; } = "";
    public string? OldValue { get; init; }
    public string NewValue { get; init; } = "";
    public string? Note { get; init; }
    public string CorrectedBy { get; init; } = "";
    public DateTimeOffset CorrectedAt { get; init; }
}
