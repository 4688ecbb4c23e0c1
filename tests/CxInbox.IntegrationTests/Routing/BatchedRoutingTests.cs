using System.Net;
using System.Net.Http.Json;
using CxInbox.Contracts;
using CxInbox.Data.Storage;
using CxInbox.IntegrationTests.Infrastructure;
using CxInbox.RoutingService.Inbound;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

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

    [Test]
    public async Task Two_batches_racing_for_the_same_agents_never_take_them_past_capacity()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "batch-race");
        var agents = new[] { await host.CreateOnlineAgentAsync(capacity: 5), await host.CreateOnlineAgentAsync(capacity: 5) };
        var router = Router(host);
        var batches = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, 8).Select(_ => Sms(TwilioWebhooks.NewCustomerNumber(), "Halo")).ToList()).ToList();

        var outcomes = (await Task.WhenAll(batches.Select(b => Task.Run(() => router.RouteAsync(b, CancellationToken.None))))).SelectMany(o => o).ToList();

        Assert.That(outcomes.Count(o => o!.AssigneeId is not null), Is.EqualTo(10));
        Assert.That(outcomes.Count(o => o!.AssigneeId is null && o.QueuedReason is not null), Is.EqualTo(6));
        foreach (var agent in agents)
        {
            Assert.That(await host.ScalarAsync<int>("SELECT open_conversations FROM agents WHERE id = @p", agent.Id), Is.EqualTo(5));
            Assert.That(await host.ScalarAsync<long>("SELECT COUNT(*) FROM conversations WHERE assignee_id = @p", agent.Id), Is.EqualTo(5));
        }
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

    private static InboundBatchRouter Router(HostUnderTest host) => host.Factory.Services.GetRequiredService<InboundBatchRouter>();

    private static InteractionReceived Sms(string from, string text) => new()
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
