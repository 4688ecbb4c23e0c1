using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace WebhookLatency;

/// <summary>
/// One loop for the whole run: every <see cref="Interval"/> it pages through the SMS conversations and stamps the
/// first time each of this run's customer addresses shows an assignee.
/// </summary>
internal sealed class AssignmentPoller(HttpClient http, string adminKey, IReadOnlyDictionary<string, MessageTiming> byAddress, DateTimeOffset runStartedAt)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);
    private const int PageSize = 200;

    public int Polls { get; private set; }

    public int PollErrors { get; private set; }

    public string? FirstPollError { get; private set; }

    /// <summary>Returns once <paramref name="sending"/> is over and every accepted message was seen assigned, or on cancellation.</summary>
    public async Task RunAsync(Task sending, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await PollOnceAsync(cancellationToken);
                if (sending.IsCompleted && byAddress.Values.All(t => t.Status != 200 || t.AssignedSeenAt != 0))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The time limit: report what was seen.
        }
    }

    private async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        Polls++;
        for (var page = 1; ; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/conversations?channel=sms&pageSize={PageSize}&page={page}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
            ConversationPage? body;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    NotePollError($"HTTP {(int)response.StatusCode} from {request.RequestUri}");
                    return;
                }

                body = await response.Content.ReadFromJsonAsync<ConversationPage>(cancellationToken);
            }
            catch (HttpRequestException e)
            {
                NotePollError(e.Message);
                return;
            }

            var seenAt = Stopwatch.GetTimestamp();
            var reachedOlderConversations = false;
            foreach (var conversation in body?.Items ?? [])
            {
                if (byAddress.TryGetValue(conversation.Customer.Address, out var timing))
                {
                    if (conversation.Assignee is not null && timing.AssignedSeenAt == 0)
                    {
                        timing.AssignedSeenAt = seenAt;
                    }
                }
                else if (conversation.LastMessageAt < runStartedAt)
                {
                    reachedOlderConversations = true;
                }
            }

            // Pages are newest first and this run's conversations are the newest, so a page that reaches back before
            // the run has shown all of them; the rest would only slow every poll as the store grows.
            if (body is null || reachedOlderConversations || body.Items.Count < PageSize || (long)page * PageSize >= body.Total)
            {
                return;
            }
        }
    }

    private void NotePollError(string error)
    {
        PollErrors++;
        FirstPollError ??= error;
    }
}

internal sealed record ConversationPage(IReadOnlyList<ConversationItem> Items, long Total);

internal sealed record ConversationItem(Guid Id, Customer Customer, Assignee? Assignee, DateTimeOffset LastMessageAt);

internal sealed record Customer(string Address);

internal sealed record Assignee(Guid Id);
