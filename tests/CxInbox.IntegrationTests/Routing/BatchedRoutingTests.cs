using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.IntegrationTests.Infrastructure;
using CxInbox.RoutingService.Inbound;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>The set-based path of the router (<see cref="InboundBatchRouter"/>), called directly with batches built
/// for each case, on PostgreSQL: the same rows as the per-message path would leave, capacity held when batches race,
/// and nothing half-written when one message of a batch cannot be stored.</summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class BatchedRoutingTests
{
    private const string Account = "+15555550100";

    [Test]
    public async Task A_batch_of_first_time_customers_is_stored_tagged_and_shared_out_up_to_capacity_and_the_rest_queued()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-first");
        var agents = new[] { await host.CreateOnlineAgentAsync(capacity: 3), await host.CreateOnlineAgentAsync(capacity: 3) };
        var batch = Enumerable.Range(0, 8)
            .Select(i => Sms(TwilioWebhooks.NewCustomerNumber(), i == 0 ? "Paket saya belum sampai, sudah 5 hari, kecewa banget" : "Berapa harga paket premium?"))
            .ToList();

        var outcomes = await Router(host).RouteAsync(batch, CancellationToken.None);

        Assert.That(outcomes.Select(o => o?.ConversationId).Distinct().Count(), Is.EqualTo(8));
        Assert.That(outcomes.Count(o => o!.AssigneeId is not null), Is.EqualTo(6));
        Assert.That(outcomes.Count(o => o!.AssigneeId is null && o.QueuedReason is not null), Is.EqualTo(2));
        Assert.That(outcomes[0]!.Complaint, Is.True);
        Assert.That(outcomes[0]!.Team, Is.EqualTo("service"));
        Assert.That(outcomes[1]!.SalesOpportunity, Is.True);
        foreach (var agent in agents)
        {
            Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", agent.Id), Is.EqualTo(3));
            Assert.That(await host.ScalarAsync<int>("SELECT load_hundredths FROM agents WHERE id = @p", agent.Id), Is.EqualTo(300));
            Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE assignee_id = @p", agent.Id), Is.EqualTo(3));
        }

        foreach (var message in batch)
        {
            Assert.That(await host.StoredMessageCountAsync(message.ProviderMessageId), Is.EqualTo(1));
        }

        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversation_assignments WHERE kind = @p", "assigned"), Is.EqualTo(6));
        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversation_assignments WHERE kind = @p", "queued"), Is.EqualTo(2));
        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE journey_stage IS NULL AND direction = @p", "inbound"), Is.Zero);
    }

    // A weight and a skill other than the columns' defaults, so that a value the insert left out would show.
    [TestCase("Paket saya belum sampai, sudah 5 hari, kecewa banget")]
    [TestCase("Berapa harga paket premium?")]
    [TestCase("Halo, jam buka toko hari Sabtu?")]
    public async Task A_conversation_a_batch_opens_is_stored_with_the_tags_target_weight_and_due_time_the_per_message_path_gives_it(string text)
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-opened-row", new Dictionary<string, string?>
        {
            ["Routing:ChannelWeights:sms"] = "0.5",
            ["Routing:Table:Complaint:Team"] = "service",
            ["Routing:Table:Complaint:Priority"] = "10",
            ["Routing:Table:Complaint:Skill"] = "logistics",
        });
        using (var created = await host.Admin.PostAsJsonAsync("/api/agents",
            new { name = "Rina", skills = new[] { "logistics" }, capacity = 10, status = "online" }))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var receivedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var alone = Sms(TwilioWebhooks.NewCustomerNumber(), text) with { ReceivedAt = receivedAt };
        var batched = Sms(TwilioWebhooks.NewCustomerNumber(), text) with { ReceivedAt = receivedAt };

        var aloneOutcome = await host.Factory.Services.GetRequiredService<InboundRouter>().RouteAsync(alone, CancellationToken.None);
        var batchedOutcome = (await Router(host).RouteAsync([batched], CancellationToken.None)).Single();

        const string Row = """
            SELECT row(status, journey_stage, complaint, sales_opportunity, language, tags_corrected, team, priority, routing_rule,
                       required_skill, weight_hundredths, response_due_at, assignee_id IS NOT NULL, queued_at IS NULL)::text
            FROM conversations WHERE id = @p
            """;
        var expected = await host.ScalarAsync<string>(Row, aloneOutcome!.ConversationId);
        Assert.That(await host.ScalarAsync<string>(Row, batchedOutcome!.ConversationId), Is.EqualTo(expected));
        Assert.That(expected, Does.Contain(",50,").And.EndWith(",t,t)"), "weighed as configured and assigned");
        const string History = """
            SELECT string_agg(row(ca.kind, ca.agent_id, ca.team, ca.occurred_at = c.assigned_at, c.assignment_reason IS NOT NULL)::text, ';' ORDER BY ca.id)
            FROM conversation_assignments ca JOIN conversations c ON c.id = ca.conversation_id WHERE c.id = @p
            """;
        Assert.That(await host.ScalarAsync<string>(History, batchedOutcome.ConversationId),
            Is.EqualTo(await host.ScalarAsync<string>(History, aloneOutcome.ConversationId)), "the same history row");
    }

    [Test]
    public async Task A_batch_joins_open_conversations_answers_a_redelivery_with_its_outcome_and_leaves_a_reopen_to_the_per_message_path()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-mixed");
        await host.CreateOnlineAgentAsync(capacity: 10);
        await host.CreateOnlineAgentAsync(capacity: 10);
        var (ana, budi, citra, dewi) = (TwilioWebhooks.NewCustomerNumber(), TwilioWebhooks.NewCustomerNumber(), TwilioWebhooks.NewCustomerNumber(),
            TwilioWebhooks.NewCustomerNumber());
        var citraFirst = Sms(citra, "Halo, mau tanya jam buka toko");
        var before = await Router(host).RouteAsync([Sms(ana, "Ada promo apa bulan ini?"), Sms(budi, "Makasih ya"), citraFirst], CancellationToken.None);
        using (var resolved = await host.Admin.PostAsync($"/api/conversations/{before[1]!.ConversationId}/resolve", null))
        {
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var budiAgain = Sms(budi, "Eh satu lagi, resinya mana?");
        var after = await Router(host).RouteAsync(
            [Sms(ana, "This is the third time the app crashed, I am really disappointed"), budiAgain, citraFirst, Sms(dewi, "Halo")], CancellationToken.None);

        Assert.That(after[0]!.ConversationId, Is.EqualTo(before[0]!.ConversationId));
        Assert.That(after[0]!.AssigneeId, Is.EqualTo(before[0]!.AssigneeId), "a joined conversation keeps its agent");
        Assert.That(after[0]!.Complaint, Is.True, "the tags follow the newest message");
        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @p", before[0]!.ConversationId), Is.EqualTo(2));
        Assert.That(after[1], Is.Null, "a conversation to reopen is left to the per-message path");
        Assert.That(await host.StoredMessageCountAsync(budiAgain.ProviderMessageId), Is.Zero);
        Assert.That(after[2], Is.EqualTo(before[2]), "a redelivery is answered with the recorded outcome");
        Assert.That(await host.StoredMessageCountAsync(citraFirst.ProviderMessageId), Is.EqualTo(1));
        Assert.That(after[3]!.AssigneeId, Is.Not.Null);
        Assert.That(await host.ScalarAsync<long>("SELECT SUM(open_conversations) FROM agents", DBNull.Value), Is.EqualTo(3));

        var reopened = await host.Factory.Services.GetRequiredService<InboundRouter>().RouteAsync(budiAgain, CancellationToken.None);
        Assert.That(reopened!.ConversationId, Is.EqualTo(before[1]!.ConversationId));
    }

    // Alone, and behind a new customer, whose agent the batch chooses before its writes: the waiting one's after them.
    [TestCase(false)]
    [TestCase(true)]
    public async Task A_batch_joining_a_waiting_conversation_keeps_it_in_the_queue_while_nobody_has_room_and_then_gives_it_to_one_with_room(
        bool withNewCustomer)
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-join-waiting");
        var agent = await host.CreateOnlineAgentAsync(capacity: 1);
        var (first, waiting) = (TwilioWebhooks.NewCustomerNumber(), TwilioWebhooks.NewCustomerNumber());
        var before = await Router(host).RouteAsync([Sms(first, "Halo"), Sms(waiting, "Halo juga")], CancellationToken.None);
        Assert.That(before[1]!.AssigneeId, Is.Null, "the agent is full");
        const string QueueState = "SELECT row(queued_at, queued_reason IS NOT NULL, assigned_at IS NULL)::text FROM conversations WHERE id = @p";
        var queued = await host.ScalarAsync<string>(QueueState, before[1]!.ConversationId);

        var still = await Router(host).RouteAsync([Sms(waiting, "Halo? Ada orang?")], CancellationToken.None);

        Assert.That(still[0]!.AssigneeId, Is.Null);
        Assert.That(await host.ScalarAsync<string>(QueueState, before[1]!.ConversationId), Is.EqualTo(queued).And.EndsWith(",t,t)"),
            "still waiting since it first queued");
        // Room without an event, so that nothing but the next batch hands the waiting conversation out.
        await ExecuteAsync(host, "UPDATE agents SET capacity = 3 WHERE id = @id", ("id", agent.Id));

        var after = await Router(host).RouteAsync(
            withNewCustomer ? [Sms(waiting, "Masih menunggu nih"), Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")] : [Sms(waiting, "Masih menunggu nih")],
            CancellationToken.None);

        Assert.That(after[0]!.ConversationId, Is.EqualTo(before[1]!.ConversationId));
        Assert.That(after.Select(o => o!.AssigneeId), Is.All.EqualTo(agent.Id));
        Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", agent.Id), Is.EqualTo(withNewCustomer ? 3 : 2));
        Assert.That(await host.ScalarAsync<string>(
            "SELECT string_agg(kind, ',' ORDER BY id) FROM conversation_assignments WHERE conversation_id = @p", after[0]!.ConversationId),
            Is.EqualTo("queued,assigned"));
        Assert.That(await host.ScalarAsync<string>("SELECT row(queued_at IS NULL, queued_reason IS NULL, assigned_at IS NOT NULL)::text FROM conversations WHERE id = @p",
            after[0]!.ConversationId), Is.EqualTo("(t,t,t)"));
    }

    // The room frees without an event, as in the moment between a resolve's commit and the queue's drain. Batched and on
    // the per-message path; a newcomer as urgent as the one waiting waits behind it, a complaint goes ahead of it.
    [TestCase(true, "Halo, saya mau tanya", false)]
    [TestCase(false, "Halo, saya mau tanya", false)]
    [TestCase(true, "Saya kecewa sekali, barangnya rusak dan saya mau refund!", true)]
    [TestCase(false, "Saya kecewa sekali, barangnya rusak dan saya mau refund!", true)]
    public async Task A_conversation_arriving_while_another_waits_takes_the_room_only_when_it_is_more_urgent_and_otherwise_the_waiting_one_gets_it(
        bool batched, string text, bool moreUrgent)
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "behind-the-queue");
        var agent = await host.CreateOnlineAgentAsync(capacity: 1);
        var before = await Router(host).RouteAsync([Sms(TwilioWebhooks.NewCustomerNumber(), "Halo"), Sms(TwilioWebhooks.NewCustomerNumber(), "Halo juga")],
            CancellationToken.None);
        var waiting = before[1]!.ConversationId;
        Assert.That(before[1]!.QueuedReason, Is.Not.Null, "the agent is full");
        await ExecuteAsync(host, "UPDATE agents SET capacity = 2 WHERE id = @id", ("id", agent.Id));

        var newcomer = Sms(TwilioWebhooks.NewCustomerNumber(), text);
        var outcome = batched
            ? (await Router(host).RouteAsync([newcomer], CancellationToken.None)).Single()
            : await host.Factory.Services.GetRequiredService<InboundRouter>().RouteAsync(newcomer, CancellationToken.None);

        var waitingHolder = await host.ScalarAsync<Guid?>("SELECT assignee_id FROM conversations WHERE id = @p", waiting);
        if (moreUrgent)
        {
            Assert.That(outcome!.AssigneeId, Is.EqualTo(agent.Id));
            Assert.That(waitingHolder, Is.Null);
        }
        else
        {
            Assert.That(outcome!.AssigneeId, Is.Null);
            Assert.That(outcome.QueuedReason, Is.EqualTo("behind the queue: 1 conversation waiting ahead of it takes the room there is"));
            Assert.That(waitingHolder, Is.EqualTo(agent.Id), "the drain the router started gave the room to the one waiting");
        }

        Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", agent.Id), Is.EqualTo(2));
    }

    // A customer chasing their waiting conversation does not jump ahead of someone who has waited longer.
    [TestCase(true)]
    [TestCase(false)]
    public async Task A_waiting_customer_who_writes_again_when_room_frees_stays_behind_the_one_waiting_longer_who_gets_the_room(bool batched)
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "chaser-behind-the-queue");
        var agent = await host.CreateOnlineAgentAsync(capacity: 1);
        var chaser = TwilioWebhooks.NewCustomerNumber();
        var before = await Router(host).RouteAsync([Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")], CancellationToken.None);
        var longer = (await Router(host).RouteAsync([Sms(TwilioWebhooks.NewCustomerNumber(), "Halo, mau tanya")], CancellationToken.None)).Single()!;
        var shorter = (await Router(host).RouteAsync([Sms(chaser, "Halo, mau tanya juga")], CancellationToken.None)).Single()!;
        Assert.That(new[] { before[0]!.AssigneeId, longer.AssigneeId, shorter.AssigneeId }, Is.EqualTo(new Guid?[] { agent.Id, null, null }));
        await ExecuteAsync(host, "UPDATE agents SET capacity = 2 WHERE id = @id", ("id", agent.Id));

        var again = Sms(chaser, "Halo? Ada orang? Saya sudah menunggu lama");
        var outcome = batched
            ? (await Router(host).RouteAsync([again], CancellationToken.None)).Single()
            : await host.Factory.Services.GetRequiredService<InboundRouter>().RouteAsync(again, CancellationToken.None);

        Assert.That(outcome!.ConversationId, Is.EqualTo(shorter.ConversationId));
        Assert.That(outcome.AssigneeId, Is.Null);
        Assert.That(outcome.QueuedReason, Is.EqualTo("behind the queue: 1 conversation waiting ahead of it takes the room there is"));
        Assert.That(await host.ScalarAsync<Guid?>("SELECT assignee_id FROM conversations WHERE id = @p", longer.ConversationId), Is.EqualTo(agent.Id),
            "the drain the router started gave the room to the one waiting longer");
    }

    [Test]
    public async Task Two_batches_racing_for_the_same_agents_never_take_them_past_capacity_and_a_batch_that_lost_the_race_writes_nothing()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-race");
        var agents = new[] { await host.CreateOnlineAgentAsync(capacity: 5), await host.CreateOnlineAgentAsync(capacity: 5) };
        var router = Router(host);
        var batches = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 8).Select(_ => Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")).ToList()).ToList();

        var results = await Task.WhenAll(batches.Select(b => Task.Run(async () =>
        {
            try
            {
                return (Outcomes: await router.RouteAsync(b, CancellationToken.None), Failure: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Outcomes: (IReadOnlyList<RoutingOutcome?>?)null, Failure: e);
            }
        })));
        // What the batcher does with a batch that failed: each of its messages goes the per-message way.
        var lost = batches.Where((_, i) => results[i].Failure is not null).ToList();
        var oneByOne = host.Factory.Services.GetRequiredService<InboundRouter>();
        var storedByTheLoser = 0L;
        foreach (var message in lost.SelectMany(b => b))
        {
            storedByTheLoser += await host.StoredMessageCountAsync(message.ProviderMessageId);
            await oneByOne.RouteAsync(message, CancellationToken.None);
        }

        Assert.That(results.Count(r => r.Failure is null), Is.GreaterThanOrEqualTo(1), "the first to claim wins");
        Assert.That(results.Where(r => r.Failure is not null).Select(r => StoreFaults.IsTransient(r.Failure!)), Is.All.True);
        Assert.That(storedByTheLoser, Is.Zero, "a batch that lost the race is rolled back");
        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NOT NULL", DBNull.Value), Is.EqualTo(10));
        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NULL AND queued_reason IS NOT NULL", DBNull.Value), Is.EqualTo(6));
        foreach (var agent in agents)
        {
            Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", agent.Id), Is.EqualTo(5));
            Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE assignee_id = @p", agent.Id), Is.EqualTo(5));
        }
    }

    [Test]
    public async Task A_batch_decides_in_arrival_order_so_a_returning_customer_ahead_gets_their_agent_and_a_new_one_behind_waits_in_order()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-order",
            new Dictionary<string, string?> { ["Routing:Threading:ReopenWindow"] = "00:00:00" });
        var agent = await host.CreateOnlineAgentAsync(capacity: 1);
        var returning = TwilioWebhooks.NewCustomerNumber();
        var first = await Router(host).RouteAsync([Sms(returning, "Halo, mau tanya jam buka toko")], CancellationToken.None);
        using (var resolved = await host.Admin.PostAsync($"/api/conversations/{first[0]!.ConversationId}/resolve", null))
        {
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var outcomes = await Router(host).RouteAsync(
            [Sms(returning, "Halo lagi, pesanan kedua saya belum sampai"), Sms(TwilioWebhooks.NewCustomerNumber(), "Halo"), Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")],
            CancellationToken.None);

        Assert.That(outcomes[0]!.ConversationId, Is.Not.EqualTo(first[0]!.ConversationId), "past the reopen window a new conversation starts");
        Assert.That(outcomes[0]!.AssigneeId, Is.EqualTo(agent.Id));
        Assert.That(outcomes[0]!.AssignmentReason, Does.StartWith("returning customer"));
        Assert.That(outcomes[1]!.QueuedReason, Is.Not.Null);
        Assert.That(outcomes[2]!.QueuedReason, Is.Not.Null);
        var createdAt = await host.ScalarAsync<DateTime>("SELECT created_at FROM conversations WHERE id = @p", outcomes[1]!.ConversationId);
        var createdAfter = await host.ScalarAsync<DateTime>("SELECT created_at FROM conversations WHERE id = @p", outcomes[2]!.ConversationId);
        Assert.That(createdAt, Is.LessThan(createdAfter), "the queue serves them in arrival order");
    }

    [Test]
    public async Task Each_choice_in_a_batch_counts_as_the_agent_s_latest_assignment_so_equal_loads_alternate_as_one_by_one()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-ties");
        // Created first, so the lower id: a tie on the time of the last assignment would go to them.
        var idleShorter = await host.CreateOnlineAgentAsync(capacity: 10);
        var idleLonger = await host.CreateOnlineAgentAsync(capacity: 10);
        await ExecuteAsync(host, """
            UPDATE agents SET last_assigned_at = now() - interval '2 hours' WHERE id = @first;
            UPDATE agents SET last_assigned_at = now() - interval '1 hour' WHERE id = @second
            """, ("first", idleLonger.Id), ("second", idleShorter.Id));

        var outcomes = await Router(host).RouteAsync([.. Enumerable.Range(0, 4).Select(_ => Sms(TwilioWebhooks.NewCustomerNumber(), "Halo"))],
            CancellationToken.None);

        Assert.That(outcomes.Select(o => o!.AssigneeId), Is.EqualTo(new Guid?[] { idleLonger.Id, idleShorter.Id, idleLonger.Id, idleShorter.Id }));
        Assert.That(await host.ScalarAsync<DateTime>("SELECT last_assigned_at FROM agents WHERE id = @p", idleLonger.Id),
            Is.LessThan(await host.ScalarAsync<DateTime>("SELECT last_assigned_at FROM agents WHERE id = @p", idleShorter.Id)),
            "the agent chosen last in the batch has waited least since");
    }

    [Test]
    public async Task A_customer_writing_from_two_addresses_in_one_batch_gets_one_agent_for_both()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-linked");
        await host.CreateOnlineAgentAsync(capacity: 10);
        await host.CreateOnlineAgentAsync(capacity: 10);
        var (phone, email, customerId) = (TwilioWebhooks.NewCustomerNumber(), $"ana.{Guid.NewGuid():N}@example.com", Guid.NewGuid());
        // One customer known by a phone number and an e-mail address (as after a supervisor's merge), who never wrote.
        await ExecuteAsync(host, """
            INSERT INTO customers (id, display_name, created_at) VALUES (@customer, 'Ana', now());
            INSERT INTO customer_identities (channel, address, customer_id, created_at, link_key) VALUES
                ('sms', @phone, @customer, now(), 'phone:' || @phone), ('email', @email, @customer, now(), 'email:' || @email)
            """, ("customer", customerId), ("phone", phone), ("email", email));
        var mail = Sms(email, "Hello, where is my parcel?") with { Channel = "email", ChannelAccount = "support@cx.test" };

        var outcomes = await Router(host).RouteAsync([mail, Sms(phone, "Halo, paket saya di mana?")], CancellationToken.None);

        Assert.That(outcomes.Select(o => o!.CustomerId), Is.All.EqualTo(customerId));
        Assert.That(outcomes[1]!.AssigneeId, Is.EqualTo(outcomes[0]!.AssigneeId));
        Assert.That(outcomes[1]!.AssignmentReason, Does.StartWith("returning customer"));
    }

    [Test]
    public async Task A_customer_writing_again_from_an_address_only_linked_to_them_gets_the_agent_who_served_them()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-linked-previous");
        var first = await host.CreateOnlineAgentAsync(capacity: 10);
        var second = await host.CreateOnlineAgentAsync(capacity: 10);
        var local = $"ana.{Guid.NewGuid():N}";
        InteractionReceived Mail(string from, string text) => Sms(from, text) with { Channel = "email", ChannelAccount = "support@cx.test" };
        var earlier = (await Router(host).RouteAsync([Mail($"{local}@example.com", "Hello, where is my parcel?")], CancellationToken.None)).Single()!;
        var served = earlier.AssigneeId!.Value;
        Assert.That(served, Is.AnyOf(first.Id, second.Id));

        // Another case of the same address is another thread and no known identity: only its link key finds Ana.
        var again = (await Router(host).RouteAsync([Mail($"{local.ToUpperInvariant()}@Example.com", "Any news on my parcel?")], CancellationToken.None))
            .Single()!;

        Assert.That(again.ConversationId, Is.Not.EqualTo(earlier.ConversationId));
        Assert.That(again.CustomerId, Is.EqualTo(earlier.CustomerId));
        Assert.That(again.AssigneeId, Is.EqualTo(served), "the agent who served her, though the other agent has less load");
        Assert.That(again.AssignmentReason, Does.StartWith("returning customer"));
    }

    [Test]
    public async Task The_batcher_stores_each_customer_s_messages_in_the_order_they_were_handed_in_whatever_batches_they_fall_into()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-batcher");
        await host.CreateOnlineAgentAsync(capacity: 100);
        var customers = Enumerable.Range(0, 20).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        var handedIn = Enumerable.Range(0, 5).SelectMany(n => customers.Select(c => Sms(c, $"Pesan ke-{n + 1}"))).ToList();
        var batcher = host.Factory.Services.GetRequiredService<InboundBatcher>();

        var outcomes = await Task.WhenAll(handedIn.Select(m => batcher.RouteAsync(m, CancellationToken.None)));

        Assert.That(outcomes.Select(o => o!.ConversationId).Distinct().Count(), Is.EqualTo(customers.Count));
        await using var connection = await host.OpenPostgresAsync();
        foreach (var customer in customers)
        {
            await using var command = new Npgsql.NpgsqlCommand("""
                SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id
                WHERE c.customer_address = @address ORDER BY m.created_at, m.id
                """, connection);
            command.Parameters.AddWithValue("address", customer);
            var stored = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored.Add(reader.GetString(0));
                }
            }

            Assert.That(stored, Is.EqualTo(Enumerable.Range(1, 5).Select(n => $"Pesan ke-{n}")), customer);
        }
    }

    [Test]
    public async Task The_batcher_counts_the_messages_of_its_batches_and_those_it_routes_one_by_one_with_the_reason()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-metrics");
        await host.CreateOnlineAgentAsync(capacity: 10);
        var meters = host.Factory.Services.GetRequiredService<IMeterFactory>();
        using var sizes = new MetricCollector<int>(meters, BatchingMetrics.MeterName, "cxinbox.routing.batch.size");
        using var alone = new MetricCollector<long>(meters, BatchingMetrics.MeterName, "cxinbox.routing.batch.routed_alone");
        var batcher = host.Factory.Services.GetRequiredService<InboundBatcher>();
        var returning = TwilioWebhooks.NewCustomerNumber();
        var first = await batcher.RouteAsync(Sms(returning, "Halo, paket saya sudah sampai, makasih"), CancellationToken.None);
        using (var resolved = await host.Admin.PostAsync($"/api/conversations/{first!.ConversationId}/resolve", null))
        {
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var reopened = await batcher.RouteAsync(Sms(returning, "Eh satu lagi, struknya mana?"), CancellationToken.None);
        Assert.CatchAsync(() => batcher.RouteAsync(Sms(TwilioWebhooks.NewCustomerNumber(), "Halo\0"), CancellationToken.None));

        Assert.That(reopened!.ConversationId, Is.EqualTo(first.ConversationId));
        Assert.That(sizes.GetMeasurementSnapshot().Select(m => m.Value), Is.EqualTo(new[] { 1, 1, 1 }));
        var reasons = alone.GetMeasurementSnapshot().Select(m => ((string)m.Tags["reason"]!, m.Value));
        Assert.That(reasons, Is.EqualTo(new[] { (BatchingMetrics.Reopen, 1L), (BatchingMetrics.Failed, 1L) }));
    }

    [TestCase(true, 100)]
    [TestCase(false, null)]
    public async Task With_batching_on_the_router_takes_as_many_customer_messages_from_the_broker_as_configured_and_without_it_as_many_as_its_other_consumers(
        bool batching, int? expected)
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-in-flight", new Dictionary<string, string?>
        {
            ["Routing:Batching:Enabled"] = batching ? "true" : "false",
            ["Routing:Batching:MessagesInFlight"] = "100",
        });

        var prefetch = await Eventually.Until(() => host.Services!.ConsumerPrefetchAsync(),
            p => p.Keys.Any(q => q.Contains("interaction-received")) && p.Keys.Any(q => q.Contains("agent-presence-changed")), "the routing consumers on the broker");

        var customerMessages = prefetch.Single(p => p.Key.Contains("interaction-received")).Value;
        var presenceChanges = prefetch.Single(p => p.Key.Contains("agent-presence-changed")).Value;
        Assert.That(customerMessages, Is.EqualTo(expected ?? presenceChanges));
        Assert.That(presenceChanges, Is.Not.EqualTo(100));
    }

    [Test]
    public async Task A_message_the_store_refuses_rolls_its_whole_batch_back()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-refused");
        await host.CreateOnlineAgentAsync(capacity: 10);
        var batch = new[] { Sms(TwilioWebhooks.NewCustomerNumber(), "Halo"), Sms(TwilioWebhooks.NewCustomerNumber(), "Halo\0"), Sms(TwilioWebhooks.NewCustomerNumber(), "Hi") };

        var failure = Assert.CatchAsync(() => Router(host).RouteAsync(batch, CancellationToken.None));

        Assert.That(StoreFaults.IsTransient(failure!), Is.False, failure!.ToString());
        foreach (var message in batch)
        {
            Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM customer_identities WHERE address = @p", message.CustomerAddress), Is.Zero);
        }

        Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversations", DBNull.Value), Is.Zero);
    }

    [Test]
    public async Task A_poison_message_in_a_burst_goes_to_the_error_queue_alone_and_the_rest_are_routed()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-poison");
        await host.CreateOnlineAgentAsync(capacity: 50);
        var burst = Enumerable.Range(0, 12).Select(i => Sms(TwilioWebhooks.NewCustomerNumber(), i == 5 ? "Halo\0" : "Halo, pesanan saya di mana?")).ToList();
        var bus = host.Factory.Services.GetRequiredService<IBus>();

        await Task.WhenAll(burst.Select(m => bus.Publish(m)));

        foreach (var message in burst.Where((_, i) => i != 5))
        {
            Assert.That(await host.AssignedConversationAsync(message.CustomerAddress), Is.Not.Null);
        }

        var errors = await Eventually.Until(() => ErrorQueueAsync(host), q => q?.Count >= 1, "the poison message in the error queue");
        Assert.That(errors!.Count, Is.EqualTo(1));
        Assert.That(errors.Messages.Single().ExceptionType, Does.Contain("Postgres"));
        Assert.That(await host.StoredMessageCountAsync(burst[5].ProviderMessageId), Is.Zero);
    }

    private static async Task ExecuteAsync(HostUnderTest host, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await host.OpenPostgresAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static InboundBatchRouter Router(HostUnderTest host) => host.Factory.Services.GetRequiredService<InboundBatchRouter>();

    internal static InteractionReceived Sms(string from, string text) => new()
    {
        InteractionId = Guid.NewGuid(),
        Channel = "sms",
        ChannelAccount = Account,
        ProviderMessageId = $"SM{Guid.NewGuid():N}",
        CustomerAddress = from,
        Text = text,
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<ErrorQueueJson?> ErrorQueueAsync(HostUnderTest host) =>
        (await host.Admin.GetFromJsonAsync<ErrorQueueJson[]>("/api/admin/dead-letters"))!.FirstOrDefault(q => q.Queue == "cxinbox-interaction-received_error");

    private sealed record DeadLetterJson(string? MessageId, string? ExceptionType, string? Reason);

    private sealed record ErrorQueueJson(string Queue, long Count, DeadLetterJson[] Messages);
}
