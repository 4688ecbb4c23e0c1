using System.Net;
using System.Net.Http.Json;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Twilio.Reconciliation;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Sms;

/// <summary>Agents' SMS replies through the real Host and bus to a local stand-in for Twilio's API; delivery
/// reports, STOP, and reconciliation of messages a webhook missed.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class SmsReplyTests(Engines engines)
{
    private ScriptedProvider twilio = null!;
    private HostUnderTest host = null!;
    private readonly List<string> inboundListing = [];

    [OneTimeSetUp]
    public async Task StartHost()
    {
        twilio = await ScriptedProvider.StartAsync((request, call) => request.Method == "POST"
            ? new ProviderAnswer(HttpStatusCode.Created, $$"""{"sid": "SM{{call:D32}}", "status": "queued", "direction": "outbound-api"}""")
            : new ProviderAnswer(HttpStatusCode.OK, $$"""{"messages": [{{string.Join(",", inboundListing)}}], "next_page_uri": null}"""));
        host = await HostUnderTest.StartAsync(engines, "reply", new Dictionary<string, string?>
        {
            ["Channels:Twilio:ApiBaseUrl"] = twilio.BaseAddress.ToString(),
            ["Channels:Twilio:Numbers:0"] = TwilioWebhooks.OurNumber,
        });
        await host.CreateOnlineAgentAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (twilio is not null)
        {
            await twilio.DisposeAsync();
        }
    }

    [Test]
    public async Task An_agents_reply_reaches_Twilio_once_with_the_right_From_To_and_Body_and_shows_its_delivery()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var inbound = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai")));
        var conversation = await host.AssignedConversationAsync(customer);
        var text = $"Halo kak, paketnya kami cek sekarang ({Guid.NewGuid():N})";

        using var replied = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text });
        var reply = await replied.Content.ReadFromJsonAsync<ReplyJson>();
        var sent = await Eventually.Until(() => OutboundAsync(conversation.Id), m => m?.Delivery?.Status == "queued", "the reply accepted by Twilio");
        using var callback = await host.Anonymous.SendAsync(TwilioWebhooks.SignedStatus(reply!.ReplyId, sent!.ProviderMessageId, "delivered"));
        var delivered = await Eventually.Until(() => OutboundAsync(conversation.Id), m => m?.Delivery?.Status == "delivered", "the delivery report");

        Assert.That(replied.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(callback.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var posts = twilio.Requests.Where(r => r.Method == "POST" && r.Form()["Body"] == text).ToList();
        Assert.That(posts, Has.Count.EqualTo(1));
        Assert.That(posts[0].Form()["To"], Is.EqualTo(customer));
        Assert.That(posts[0].Form()["From"], Is.EqualTo(TwilioWebhooks.OurNumber));
        Assert.That(posts[0].Form()["StatusCallback"], Is.EqualTo($"{CxInboxHostFactory.PublicBaseUrl}/webhooks/twilio/status?reply={reply.ReplyId:D}"));
        Assert.That(delivered!.Text, Is.EqualTo(text));
        Assert.That(delivered.ProviderMessageId, Does.StartWith("SM"));
    }

    [Test]
    public async Task After_STOP_a_reply_is_refused_with_the_reason_and_after_START_it_goes_out()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var stop = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "STOP")));
        var conversation = await host.AssignedConversationAsync(customer);

        var refused = await Eventually.Until(
            async () => await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = "Halo?" }),
            r => r.StatusCode == HttpStatusCode.Conflict, "the opt-out on record");
        var problem = await refused.Content.ReadFromJsonAsync<ProblemJson>();
        using var start = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "START")));
        var allowed = await Eventually.Until(
            async () => await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = "Selamat datang kembali" }),
            r => r.StatusCode == HttpStatusCode.Accepted, "the opt-in on record");

        Assert.That(problem!.Detail, Does.Contain("STOP"));
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task A_message_whose_webhook_never_arrived_comes_in_through_reconciliation_exactly_once()
    {
        var delivered = TwilioWebhooks.NewCustomerNumber();
        var missed = TwilioWebhooks.NewCustomerNumber();
        var deliveredSid = TwilioWebhooks.NewMessageSid();
        var missedSid = TwilioWebhooks.NewMessageSid();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(delivered, "Sampai", deliveredSid)));
        await host.AssignedConversationAsync(delivered);
        lock (inboundListing)
        {
            inboundListing.Add(ListedInbound(deliveredSid, delivered, "Sampai"));
            inboundListing.Add(ListedInbound(missedSid, missed, "Webhook saya hilang"));
        }

        var reconciler = host.Factory.Services.GetRequiredService<TwilioReconciler>();
        var first = await reconciler.ReconcileOnceAsync(CancellationToken.None);
        var second = await reconciler.ReconcileOnceAsync(CancellationToken.None);
        var conversation = await host.AssignedConversationAsync(missed);

        Assert.That(first, Is.GreaterThanOrEqualTo(2));
        Assert.That(second, Is.EqualTo(first));
        Assert.That(conversation!.Messages!.Select(m => m.Text), Is.EqualTo(new[] { "Webhook saya hilang" }));
        Assert.That(await host.StoredMessageCountAsync(missedSid), Is.EqualTo(1));
        Assert.That(await host.StoredMessageCountAsync(deliveredSid), Is.EqualTo(1));
    }

    private async Task<MessageJson?> OutboundAsync(Guid conversationId) =>
        (await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{conversationId}"))!.Messages!
        .LastOrDefault(m => m.Direction == "outbound");

    private static string ListedInbound(string sid, string from, string body) =>
        $$"""{"sid": "{{sid}}", "from": "{{from}}", "to": "{{TwilioWebhooks.OurNumber}}", "body": "{{body}}", "status": "received", "direction": "inbound", "date_sent": "{{DateTimeOffset.UtcNow:r}}"}""";
}
