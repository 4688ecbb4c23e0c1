using System.Diagnostics.CodeAnalysis;
using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.Routing.Customers;
using CxInbox.Routing.Threading;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.RoutingService.Inbound;

/// <summary>
/// Gathers the customer messages the consumers hand in while earlier batches run, and routes them a batch at a time
/// with <see cref="InboundBatchRouter"/> (one transaction, set-based statements). Nothing waits for a batch to fill: a
/// message that arrives while no batch runs starts one at once, alone, so batches grow only as fast as messages arrive
/// during the previous ones.
/// <para>When a batch fails, or leaves a message to the per-message path (a conversation to reopen), the batcher routes
/// those messages one by one before it lets their customers' next messages in. Each message keeps its own consumer,
/// so its own retries and its own error queue: a poison message fails alone, on the per-message path.</para>
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "The semaphore is only awaited and released, which allocates no wait handle; disposing it could strand a waiting message.")]
public sealed class InboundBatcher(
    Database database,
    InboundRouter oneByOne,
    InboundBatchRouter batchRouter,
    IOptionsMonitor<BatchingOptions> options,
    BatchingMetrics metrics,
    ILogger<InboundBatcher> logger)
{
    // A failed batch can leave up to MaxMessages messages to the per-message path, each needing a connection for its
    // own transaction: 16 at a time per process, across batches, stays well inside Npgsql's default pool of 100.
    private const int RoutedAloneAtOnce = 16;

    private readonly Lock gate = new();
    private readonly SemaphoreSlim aloneSlots = new(RoutedAloneAtOnce);
    private readonly List<Waiting> waiting = [];
    private readonly HashSet<string> busyKeys = new(StringComparer.Ordinal);
    private int running;
    private BatchingOptions lastValidLimits = new();
    private string? lastRefusal;

    /// <summary>Whether the message may go into a batch: a customer message naming no earlier message, with batching
    /// on and PostgreSQL underneath.</summary>
    public bool Takes(InteractionReceived message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Limits().Enabled && database.Dialect == Dialect.Postgres && message.Automated is null
            && string.IsNullOrEmpty(message.InReplyTo) && message.References is not { Count: > 0 } && string.IsNullOrEmpty(message.ConversationToken);
    }

    /// <summary>The message's outcome once it is stored and routed; the per-message path's exception if it failed
    /// there.</summary>
    public Task<RoutingOutcome?> RouteAsync(InteractionReceived message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = new Waiting(message, KeysOf(message));
        lock (gate)
        {
            waiting.Add(item);
            StartBatches();
        }

        return item.Outcome.Task.WaitAsync(cancellationToken);
    }

    // A reload with invalid values keeps the last valid ones (the start-up refuses invalid ones) rather than stranding the
    // messages waiting here.
    private BatchingOptions Limits()
    {
        try
        {
            return lastValidLimits = options.CurrentValue;
        }
        catch (OptionsValidationException e)
        {
            if (e.Message != lastRefusal)
            {
                lastRefusal = e.Message;
                logger.LogWarning("{Section} is invalid and was not applied: {Reason}", BatchingOptions.SectionName, e.Message);
            }

            return lastValidLimits;
        }
    }

    private static IReadOnlyList<string> KeysOf(InteractionReceived message) =>
        [$"address:{message.Channel}:{message.CustomerAddress}", $"link:{CustomerLinkKey.For(message.Channel, message.CustomerAddress)}"];

    private void StartBatches()
    {
        var limits = Limits();
        while (running < limits.ConcurrentBatches && waiting.Count > 0)
        {
            var batch = BatchSelection.Take(waiting, w => w.Keys, busyKeys, limits.MaxMessages);
            if (batch.Count == 0)
            {
                return;
            }

            running++;
            _ = Task.Run(() => RunAsync(batch));
        }
    }

    private async Task RunAsync(List<Waiting> batch)
    {
        try
        {
            await RouteTogetherAsync(batch);
        }
        finally
        {
            lock (gate)
            {
                foreach (var item in batch)
                {
                    busyKeys.ExceptWith(item.Keys);
                }

                running--;
                StartBatches();
            }
        }
    }

    private async Task RouteTogetherAsync(List<Waiting> batch)
    {
        IReadOnlyList<RoutingOutcome?> outcomes;
        var whyAlone = BatchingMetrics.Reopen;
        metrics.BatchStarted(batch.Count);
        try
        {
            outcomes = await batchRouter.RouteAsync([.. batch.Select(b => b.Message)], CancellationToken.None);
        }
        catch (Exception e)
        {
            if (StoreFaults.IsTransient(e))
            {
                whyAlone = BatchingMetrics.LostRace;
                logger.LogInformation("A batch of {Count} messages lost a race or met a passing fault ({Fault}); each is routed on its own", batch.Count, e.Message);
            }
            else
            {
                whyAlone = BatchingMetrics.Failed;
                logger.LogWarning(e, "A batch of {Count} messages failed; each is routed on its own", batch.Count);
            }

            outcomes = new RoutingOutcome?[batch.Count];
        }

        var alone = new List<Waiting>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is { } outcome)
            {
                batch[i].Outcome.TrySetResult(outcome);
            }
            else
            {
                alone.Add(batch[i]);
            }
        }

        metrics.RoutedAlone(alone.Count, whyAlone);

        // Side by side (up to RoutedAloneAtOnce): a batch never holds two messages of one customer.
        await Task.WhenAll(alone.Select(RouteAloneAsync));
    }

    private async Task RouteAloneAsync(Waiting item)
    {
        var entered = false;
        try
        {
            await aloneSlots.WaitAsync();
            entered = true;
            item.Outcome.TrySetResult(await oneByOne.RouteAsync(item.Message, CancellationToken.None));
        }
        catch (Exception e)
        {
            item.Outcome.TrySetException(e);
        }
        finally
        {
            if (entered)
            {
                aloneSlots.Release();
            }
        }
    }

    private sealed record Waiting(InteractionReceived Message, IReadOnlyList<string> Keys)
    {
        public TaskCompletionSource<RoutingOutcome?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
