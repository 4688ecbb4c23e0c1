using System.Net.Http.Json;
using CxInbox.Data.Conversations;
using CxInbox.Data.Storage;
using CxInbox.IntegrationTests.Infrastructure;
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

        var latest = await store.HeadlineAsync(conversation.Id, CancellationToken.None);
        // The second message, sent before the first (a provider that delivers late): the first is now the latest.
        await using (var connection = await host.Factory.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE messages SET sent_at = @earlier WHERE text = @text",
                new { earlier = DateTimeOffset.UtcNow.AddHours(-1), text = "Sudah seminggu lebih" });
        }

        var reordered = await store.HeadlineAsync(conversation.Id, CancellationToken.None);
        var missing = await store.HeadlineAsync(Guid.CreateVersion7(), CancellationToken.None);

        Assert.That((latest!.Status, latest.AssigneeId, latest.LatestInboundChannel, latest.LatestInboundText),
            Is.EqualTo(("open", (Guid?)agent.Id, "sms", "Sudah seminggu lebih")));
        Assert.That(reordered!.LatestInboundText, Is.EqualTo("Paket saya belum sampai"));
        Assert.That(missing, Is.Null);
    }
}
