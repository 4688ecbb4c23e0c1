using CxInbox.Data.Conversations;

namespace CxInbox.Web.Live;

/// <summary>
/// Reads conversations' headlines for the bridge, many with one query. A read asked for while another is running
/// waits for it and goes with the next query, together with every other read asked for meanwhile; nothing waits for
/// a batch to fill. At rest that is one query per event, as before; under load one query serves the events the
/// bridge's consumers hold at once, instead of a round trip each. Each read still happens after its event arrived, so
/// the push shows the conversation as it is then, whatever order the events came in.
/// </summary>
public sealed class HeadlineReader(ConversationStore conversations)
{
    private readonly Lock gate = new();
    private List<Request> pending = [];
    private bool reading;

    /// <summary>The conversation's headline now; null when it does not exist.</summary>
    public Task<ConversationHeadline?> ReadAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var request = new Request(conversationId);
        bool start;
        lock (gate)
        {
            pending.Add(request);
            start = !reading;
            reading = true;
        }

        if (start)
        {
            _ = Task.Run(ReadPendingAsync, CancellationToken.None);
        }

        return request.Headline.Task.WaitAsync(cancellationToken);
    }

    private async Task ReadPendingAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (gate)
            {
                if (pending.Count == 0)
                {
                    reading = false;
                    return;
                }

                batch = pending;
                pending = [];
            }

            try
            {
                var ids = batch.Select(r => r.ConversationId).Distinct().ToList();
                var found = (await conversations.HeadlinesAsync(ids, CancellationToken.None)).ToDictionary(h => h.Id);
                foreach (var request in batch)
                {
                    request.Headline.TrySetResult(found.GetValueOrDefault(request.ConversationId));
                }
            }
            catch (Exception e)
            {
                // Each event's consumer sees the fault and retries as it did with a read of its own; a reader that stopped
                // waiting (cancelled) never looks, so the fault is marked seen here.
                foreach (var request in batch)
                {
                    request.Headline.TrySetException(e);
                    _ = request.Headline.Task.Exception;
                }
            }
        }
    }

    private sealed record Request(Guid ConversationId)
    {
        public TaskCompletionSource<ConversationHeadline?> Headline { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
