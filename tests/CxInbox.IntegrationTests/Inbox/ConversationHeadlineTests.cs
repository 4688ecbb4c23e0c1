using System.Net.Http.Json;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.IntegrationTests.Infrastructure;
using CxInbox.Web.Live;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Inbox;

/// <summary>What the live view pushes after a change: the conversation's place and the customer's latest message in
/// the conversation's own message order (by when it was sent), never one of our replies.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class ConversationHeadlineTests(Engines engines) : HostPerTest(engines, "headline")
{
    [Test]
    public async Task The_headline_names_the_agent_and_the_customers_latest_message_by_when_it_was_sent()
    {
        var agent = await host.CreateOnlineAgentAsync();
        var customer = TwilioWebhooks.NewCustomerNumber();
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai"))))
        {
        }

        var conversation = (await host.AssignedConversationAsync(customer))!;
        using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Sudah seminggu lebih"))))
        {
        }

        await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Messages?.Length == 2, "the second message stored");
        using var reply = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/replies", new { text = "Kami cek sekarang" });
        Assert.That(reply.IsSuccessStatusCode, Is.True);
        var store = host.Factory.Services.GetRequiredService<ConversationStore>();

        var latest = (await store.HeadlinesAsync([conversation.Id], CancellationToken.None)).SingleOrDefault();
        // The second message, sent before the first (a provider that delivers late): the first is now the latest.
        await using (var connection = await host.Factory.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE messages SET sent_at = @earlier WHERE text = @text",
                new { earlier = DateTimeOffset.UtcNow.AddHours(-1), text = "Sudah seminggu lebih" });
        }

        var reordered = (await store.HeadlinesAsync([conversation.Id], CancellationToken.None)).SingleOrDefault();
        var missing = (await store.HeadlinesAsync([Guid.CreateVersion7()], CancellationToken.None)).SingleOrDefault();

        Assert.That((latest!.Status, latest.AssigneeId, latest.LatestInboundChannel, latest.LatestInboundText),
            Is.EqualTo(("open", (Guid?)agent.Id, "sms", "Sudah seminggu lebih")));
        Assert.That(reordered!.LatestInboundText, Is.EqualTo("Paket saya belum sampai"));
        Assert.That(missing, Is.Null);
    }

    [Test]
    public async Task Headlines_read_at_once_are_each_their_own_conversation_s_and_an_unknown_one_reads_as_none()
    {
        await host.CreateOnlineAgentAsync(capacity: 10);
        var customers = Enumerable.Range(0, 3).Select(_ => TwilioWebhooks.NewCustomerNumber()).ToList();
        foreach (var (customer, i) in customers.Select((c, i) => (c, i)))
        {
            using (await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, $"Pesanan nomor {i} belum sampai"))))
            {
            }
        }

        var ids = new List<Guid>();
        foreach (var customer in customers)
        {
            ids.Add((await host.AssignedConversationAsync(customer))!.Id);
        }

        var unknown = Guid.CreateVersion7();
        var reader = host.Factory.Services.GetRequiredService<HeadlineReader>();
        var asked = Enumerable.Range(0, 5).SelectMany(_ => ids.Append(unknown)).ToList();

        var read = await Task.WhenAll(asked.Select(id => reader.ReadAsync(id, CancellationToken.None)));
        var together = await host.Factory.Services.GetRequiredService<ConversationStore>().HeadlinesAsync([ids[0], unknown, ids[2], ids[0]], CancellationToken.None);

        Assert.Multiple(() =>
        {
            for (var i = 0; i < asked.Count; i++)
            {
                var expected = asked[i] == unknown ? null : $"Pesanan nomor {ids.IndexOf(asked[i])} belum sampai";
                Assert.That(read[i]?.Id, Is.EqualTo(asked[i] == unknown ? null : asked[i]));
                Assert.That(read[i]?.LatestInboundText, Is.EqualTo(expected));
            }

            Assert.That(together.Select(h => h.Id), Is.EquivalentTo(new[] { ids[0], ids[2] }));
        });
    }
}
