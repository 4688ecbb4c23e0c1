using System.Net;
using System.Net.Http.Json;
using System.Text;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Sms;

/// <summary>The walking skeleton: a Twilio SMS webhook crosses the bus, the router and the store, and shows up as an
/// assigned conversation through the API; on the embedded engines and on RabbitMQ + PostgreSQL alike.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class SmsWebhookToAgentQueueTests(Engines engines)
{
    private HostUnderTest host = null!;
    private AgentJson agent = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(engines, "sms");
        agent = await host.CreateOnlineAgentAsync();
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task The_providers_fixture_becomes_an_assigned_conversation_stored_in_the_database()
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "providers", "fixtures", "twilio-sms-inbound.txt"));

        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Raw(body, "1/WnTcd7fd7PUwjxPM2E47FokS8="));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<Response></Response>"));
        var conversation = (await Eventually.Until(() => host.FindConversationAsync("+15555550123"),
            c => c?.Assignee is not null && c.Messages!.Any(m => m.ProviderMessageId == "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"),
            "the fixture's message in an assigned conversation"))!;
        Assert.Multiple(async () =>
        {
            Assert.That(conversation.Channel, Is.EqualTo("sms"));
            Assert.That(conversation.Status, Is.EqualTo("open"));
            Assert.That(conversation.Assignee!.Id, Is.EqualTo(agent.Id));
            Assert.That(conversation.Assignee.Reason, Does.Contain(agent.Name));
            Assert.That(conversation.Tags!.JourneyStage, Is.EqualTo("delivery"));
            Assert.That(conversation.Tags.Evidence, Is.Not.Empty);
            Assert.That(conversation.Messages!.Single(m => m.ProviderMessageId == "SM1f0e2d3c4b5a69788796a5b4c3d2e1f0").Text,
                Is.EqualTo("Halo, pesanan saya #4821 belum sampai. Bisa dicek? Thanks - Rina"));
            Assert.That(await host.StoredAssigneeAsync(conversation.Id), Is.EqualTo(agent.Id));
            Assert.That(await host.StoredMessageCountAsync("SM1f0e2d3c4b5a69788796a5b4c3d2e1f0"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task An_mms_keeps_its_media_as_attachments_with_their_content_types()
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "providers", "fixtures", "twilio-mms-inbound.txt"));

        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Raw(body, "mjbqdutxOZpYYy/uZq7HMz0eiCw="));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var conversation = await Eventually.Until(() => host.FindConversationAsync("+15555550123"),
            c => c?.Messages?.Any(m => m.ProviderMessageId == "MM2a3b4c5d6e7f80918273645546372819") == true, "the MMS in the conversation");
        var mms = conversation!.Messages!.Single(m => m.ProviderMessageId == "MM2a3b4c5d6e7f80918273645546372819");
        Assert.That(mms.Text, Does.Contain("📦"));
        Assert.That(mms.Attachments.Select(a => a.ContentType), Is.EqualTo(new[] { "image/jpeg", "image/png" }));
        Assert.That(mms.Attachments[0].Url, Does.EndWith("/Media/ME0a1b2c3d4e5f60718293a4b5c6d7e8f9"));
    }

    [Test]
    public async Task The_same_MessageSid_posted_twice_is_answered_twice_and_stored_once()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        var sid = TwilioWebhooks.NewMessageSid();
        var form = TwilioWebhooks.Sms(customer, "Paket saya belum datang", sid);

        using var first = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(form));
        using var second = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(form));
        await host.AssignedConversationAsync(customer);
        await DeliverBarrierMessageAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await host.StoredMessageCountAsync(sid), Is.EqualTo(1));
        Assert.That((await host.FindConversationAsync(customer))!.Messages, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task A_second_message_from_the_customer_joins_the_open_conversation_and_its_agent()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var first = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo")));
        var opened = await host.AssignedConversationAsync(customer);

        using var second = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Ada yang bisa bantu?")));
        var joined = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.Messages?.Length == 2, "the second message");

        Assert.That(joined!.Id, Is.EqualTo(opened!.Id));
        Assert.That(joined.Assignee!.Id, Is.EqualTo(opened.Assignee!.Id));
        Assert.That(joined.Messages!.Select(m => m.Text), Is.EqualTo(new[] { "Halo", "Ada yang bisa bantu?" }));
    }

    [TestCase(null, TestName = "A webhook without X-Twilio-Signature is refused and nothing is stored")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAA=", TestName = "A webhook with a wrong X-Twilio-Signature is refused and nothing is stored")]
    public async Task Unsigned_or_wrongly_signed_webhooks_get_403_and_store_nothing(string? signature)
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        var form = TwilioWebhooks.Sms(customer, "Saya mau komplain");
        var request = TwilioWebhooks.Unsigned(form);
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        using var response = await host.Anonymous.SendAsync(request);
        await DeliverBarrierMessageAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await host.StoredMessageCountAsync(form.Single(p => p.Key == "MessageSid").Value), Is.Zero);
        Assert.That(await host.FindConversationAsync(customer), Is.Null);
    }

    [Test]
    public async Task A_webhook_signed_with_another_accounts_token_is_refused()
    {
        var form = TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "Halo");

        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(form, authToken: "ffffffffffffffffffffffffffffffff"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_malformed_form_body_gets_400_with_a_reason()
    {
        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Raw(Encoding.ASCII.GetBytes("Body=%zz&From=%2B1"), "irrelevant"));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "percent-escape");
    }

    [Test]
    public async Task A_signed_webhook_missing_required_fields_gets_400_naming_them()
    {
        var form = TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "Halo").Where(p => p.Key is not ("From" or "MessageSid")).ToList();

        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(form));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "MessageSid, From");
    }

    [Test]
    public async Task An_oversized_body_gets_413()
    {
        var form = TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), new string('x', 2 * 1024 * 1024));

        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(form));

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "limited to");
    }

    [Test]
    public async Task A_body_that_is_not_form_encoded_gets_415()
    {
        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Raw(Encoding.UTF8.GetBytes("Body: hi"), "x", "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "x-www-form-urlencoded");
    }

    [Test]
    public async Task A_webhook_route_without_an_adapter_gets_404()
    {
        using var response = await host.Anonymous.PostAsync("/webhooks/whatsapp/inbound", new StringContent("x"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "No channel adapter");
    }

    [Test]
    public async Task Ready_reports_the_bus_and_the_store_healthy()
    {
        using var response = await host.Anonymous.GetAsync("/health/ready");

        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(text, Does.Contain("\"store\"").And.Contain("masstransit-bus"));
    }

    /// <summary>Sends a valid message and waits for it: anything published before it has been consumed by then on
    /// this fixture's single consumer... or, if it was never published, proves nothing arrived meanwhile.</summary>
    private async Task DeliverBarrierMessageAsync()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var response = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "barrier")));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await host.AssignedConversationAsync(customer);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detailFragment)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemJson>();
        Assert.That(problem!.Detail, Does.Contain(detailFragment));
    }
}
