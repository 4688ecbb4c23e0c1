using System.Collections.Concurrent;
using System.Diagnostics;
using CxInbox.Contracts;
using MassTransit;
using Npgsql;

namespace RoutingLoad;

/// <summary>When each outcome was seen, by key (the router's conversation id, the baseline message's id), first
/// sighting only, and when the event that told of it was sent (router only), both as Stopwatch timestamps.</summary>
internal class Completions
{
    private readonly ConcurrentDictionary<Guid, (long Seen, long Sent)> seen = new();

    public int Count => seen.Count;

    public void Record(Guid key) => seen.TryAdd(key, (Stopwatch.GetTimestamp(), 0));

    /// <summary>Also keeps when the event was sent: MassTransit stamps SentTime (UTC) as it publishes; the Host and the
    /// harness share this machine's clock, so the gap to now places it on the Stopwatch's scale.</summary>
    public void Record(Guid key, DateTime? sentUtc)
    {
        var now = Stopwatch.GetTimestamp();
        var sent = sentUtc is { } at ? now - (long)((DateTime.UtcNow - at).TotalSeconds * Stopwatch.Frequency) : 0;
        seen.TryAdd(key, (now, sent));
    }

    public long At(Guid key) => seen.TryGetValue(key, out var at) ? at.Seen : 0;

    public long SentAt(Guid key) => seen.TryGetValue(key, out var at) ? at.Sent : 0;
}

/// <summary>The router's outcome: the Host publishes ConversationAssigned after the assignment committed.</summary>
internal sealed class ConversationAssignedConsumer(RouterCompletions completions) : IConsumer<ConversationAssigned>
{
    public Task Consume(ConsumeContext<ConversationAssigned> context)
    {
        completions.Record(context.Message.ConversationId, context.SentTime);
        return Task.CompletedTask;
    }
}

internal sealed class RouterCompletions : Completions;

internal sealed class BaselineCompletions : Completions;

/// <summary>The baseline's message: what a webhook carries, published straight to the bus.</summary>
public sealed record BaselineMessage
{
    public required Guid Id { get; init; }
    public required string CustomerAddress { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>The bare baseline: one PostgreSQL insert per message, nothing else, on the same broker and database
/// with MassTransit's default consumer settings (as the Host uses them).</summary>
internal sealed class BaselineConsumer(NpgsqlDataSource database, BaselineCompletions completions) : IConsumer<BaselineMessage>
{
    public const string CreateTable = """
        CREATE TABLE IF NOT EXISTS bench_baseline (
            id uuid PRIMARY KEY, customer_address text NOT NULL, text text NOT NULL, received_at timestamptz NOT NULL)
        """;

    public async Task Consume(ConsumeContext<BaselineMessage> context)
    {
        var message = context.Message;
        await using var command = database.CreateCommand(
            "INSERT INTO bench_baseline (id, customer_address, text, received_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = message.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = message.CustomerAddress });
        command.Parameters.Add(new NpgsqlParameter { Value = message.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = message.ReceivedAt });
        await command.ExecuteNonQueryAsync(context.CancellationToken);
        completions.Record(message.Id);
    }
}
