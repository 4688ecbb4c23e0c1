using System.Net;
using System.Net.Http.Json;
using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.IntegrationTests.Infrastructure;
using CxInbox.RoutingService.Assignment;
using CxInbox.RoutingService.Inbound;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>The store's one lock order (customers, then conversations in id order, then agents in id order) holds
/// for the router and the supervisor alike, so the two wait in line instead of in a cycle. PostgreSQL only: SQLite
/// serialises every write transaction anyway.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class LockOrderTests
{
    [Test]
    public async Task A_queue_drain_and_a_supervisor_move_racing_for_the_same_conversation_and_agent_do_not_deadlock()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "lockorder");
        var agent = await host.CreateAgentAsync("offline", capacity: 1);
        var customer = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, ada orang?"))))
        {
        }

        var waiting = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.QueuedReason is not null, "the queued conversation");
        await using var arranger = await host.OpenPostgresAsync();
        // Online behind the router's back, so that no drain starts before the race is arranged.
        await ExecuteAsync(arranger, null, "UPDATE agents SET presence = 'online' WHERE id = @id", agent.Id);
        // Holding the agent's row lines both sides up at it: the drain first, then the move.
        await using var hold = await arranger.BeginTransactionAsync();
        await ExecuteAsync(arranger, hold, "SELECT id FROM agents WHERE id = @id FOR UPDATE", agent.Id);
        var services = host.Factory.Services;
        var drain = services.GetRequiredService<QueueDrain>().DrainAsync(services.GetRequiredService<IBus>(), CancellationToken.None);
        await BlockedSessionsAsync(host, 1);
        var move = host.Admin.PostAsJsonAsync($"/api/conversations/{waiting!.Id}/move", new { agentId = agent.Id, reason = "she knows them" });
        await BlockedSessionsAsync(host, 2);

        await hold.CommitAsync();
        using var moved = await move;
        var moveAnswer = await moved.Content.ReadAsStringAsync();
        var drainFailure = await FailureOfAsync(drain);

        Assert.That(drainFailure, Is.Null, "the queue drain failed");
        Assert.That(moved.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict), moveAnswer);
        Assert.That(await host.StoredAssigneeAsync(waiting.Id), Is.EqualTo(agent.Id));
        Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", agent.Id), Is.EqualTo(1));
    }

    // Every conversation lock of a batch comes before any lock on an agent, its new rows' foreign-key key-share locks
    // included. The other side holds the joined conversation, then asks for the agent FOR UPDATE, the one lock that
    // conflicts with a key-share (the store itself locks agents FOR NO KEY UPDATE): had the batch written its new
    // conversation before locking the joined one, the two would wait on each other until PostgreSQL's deadlock check
    // aborted one (checked).
    [Test]
    public async Task A_batch_locks_the_conversation_it_joins_before_it_locks_the_agent_of_a_conversation_it_opens()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "lockorder-batch");
        var agent = await host.CreateOnlineAgentAsync(capacity: 10);
        var router = host.Factory.Services.GetRequiredService<InboundBatchRouter>();
        var returning = TwilioWebhooks.NewCustomerNumber();
        var joined = (await router.RouteAsync([BatchedRoutingTests.Sms(returning, "Halo")], CancellationToken.None)).Single()!;
        await using var holder = await host.OpenPostgresAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, hold, "SELECT id FROM conversations WHERE id = @id FOR UPDATE", joined.ConversationId);

        var batch = router.RouteAsync([BatchedRoutingTests.Sms(returning, "Masih di sana?"), BatchedRoutingTests.Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")],
            CancellationToken.None);
        await BlockedSessionsAsync(host, 1);
        await ExecuteAsync(holder, hold, "SET LOCAL lock_timeout = '10s'; SELECT id FROM agents WHERE id = @id FOR UPDATE", agent.Id);
        await hold.CommitAsync();
        var outcomes = await batch;

        Assert.That(outcomes.Select(o => o!.AssigneeId), Is.All.EqualTo(agent.Id));
        Assert.That(outcomes[0]!.ConversationId, Is.EqualTo(joined.ConversationId));
    }

    // A batch writes its new conversations in thread order, so their foreign keys key-share lock their agents out of id
    // order. A supervisor's lock on agents (a move, a transfer, a rebalance) must not wait for those locks, or it closes
    // a cycle with the batch's claim: here it holds the lower agent, which the claim waits for, and asks for the higher
    // one, whose new conversation the batch wrote first.
    [Test]
    public async Task A_supervisor_locking_agents_in_id_order_does_not_deadlock_with_a_batch_that_wrote_their_conversations_in_thread_order()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "lockorder-fk");
        var created = new[] { await host.CreateOnlineAgentAsync(capacity: 10), await host.CreateOnlineAgentAsync(capacity: 10) };
        var (lower, higher) = (created.Min(a => a.Id), created.Max(a => a.Id));
        await using (var arranger = await host.OpenPostgresAsync())
        {
            // The higher has waited longer, so the batch's first new conversation goes to them.
            await ExecuteAsync(arranger, null, "UPDATE agents SET last_assigned_at = now() - interval '2 hours' WHERE id = @id", higher);
            await ExecuteAsync(arranger, null, "UPDATE agents SET last_assigned_at = now() - interval '1 hour' WHERE id = @id", lower);
        }

        var addresses = new[] { TwilioWebhooks.NewCustomerNumber(), TwilioWebhooks.NewCustomerNumber() }.Order(StringComparer.Ordinal).ToList();
        var services = host.Factory.Services;
        var agents = services.GetRequiredService<AgentStore>();
        await using var supervisor = await services.GetRequiredService<Database>().BeginAsync(CancellationToken.None);
        await agents.LockAsync(supervisor, [lower], CancellationToken.None);

        var batch = services.GetRequiredService<InboundBatchRouter>().RouteAsync([.. addresses.Select(a => BatchedRoutingTests.Sms(a, "Halo"))],
            CancellationToken.None);
        await BlockedSessionsAsync(host, 1);
        var supervisorFailure = await FailureOfAsync(agents.LockAsync(supervisor, [higher], CancellationToken.None));
        await supervisor.CommitAsync(CancellationToken.None);
        var batchFailure = await FailureOfAsync(batch);

        Assert.That(supervisorFailure, Is.Null, "the supervisor's lock failed");
        Assert.That(batchFailure, Is.Null, "the batch failed");
        Assert.That((await batch).Select(o => o!.AssigneeId), Is.EqualTo(new Guid?[] { higher, lower }));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task BlockedSessionsAsync(HostUnderTest host, long count) =>
        await Eventually.Until(async () =>
            {
                await using var connection = await host.OpenPostgresAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
                return (long)(await command.ExecuteScalarAsync())!;
            },
            blocked => blocked >= count, $"{count} sessions waiting for a row lock", TimeSpan.FromSeconds(60));

    private static async Task<Exception?> FailureOfAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
