using CxInbox.IntegrationTests.Infrastructure;
using Npgsql;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>A router does not queue behind another transaction's claim on the least-loaded agent: it counts that
/// claim in flight and takes the next agent in the policy's order. PostgreSQL only: SQLite serialises every write transaction anyway.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class ConcurrentClaimTests
{
    [Test]
    public async Task A_message_goes_to_the_next_agent_while_another_transaction_holds_the_least_loaded_agents_row()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "concurrentclaim");
        var idle = await host.CreateAgentAsync("online", capacity: 5);
        var next = await host.CreateAgentAsync("online", capacity: 5);
        var last = await host.CreateAgentAsync("online", capacity: 5);
        await using var arranger = await host.OpenPostgresAsync();
        // Equal loads: the policy prefers whoever waited longest since their last assignment: the idle agent, then next,
        // then last. With the idle agent's row held, the claim must take its choices in that order.
        await ExecuteAsync(arranger, null, "UPDATE agents SET last_assigned_at = now() - interval '1 hour' WHERE id = @id", next.Id);
        await ExecuteAsync(arranger, null, "UPDATE agents SET last_assigned_at = now() WHERE id = @id", last.Id);
        // Another router's claim, as the message's router meets it: the idle agent's row held until that commit.
        await using var hold = await arranger.BeginTransactionAsync();
        await ExecuteAsync(arranger, hold, "SELECT id FROM agents WHERE id = @id FOR UPDATE", idle.Id);
        var customer = TwilioWebhooks.NewCustomerNumber();

        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, paket saya belum sampai"))))
        {
        }

        // Assigned while the row is still held: a router that waited for it would not finish before the hold ends.
        var assigned = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Assignee is not null,
            "the conversation assigned while the idle agent's row is held", TimeSpan.FromSeconds(90));
        await hold.CommitAsync();
        Assert.That(await host.StoredAssigneeAsync(assigned!.Id), Is.EqualTo(next.Id));
        Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", idle.Id), Is.Zero);
        Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", next.Id), Is.EqualTo(1));
        Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", last.Id), Is.Zero);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
