using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>An agent sets a conversation aside, snoozed until a time or pending on the customer; it comes back when
/// the time comes or the customer writes, still theirs.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class SetAsideTests(Engines engines)
{
    private HostUnderTest host = null!;

    [SetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(engines, "aside", new Dictionary<string, string?> { ["Routing:Sla:CheckInterval"] = "00:00:00.200" });
        await host.CreateOnlineAgentAsync();
    }

    [TearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task A_snoozed_conversation_comes_back_open_to_the_same_agent_when_its_time_comes()
    {
        var conversation = await NewConversationAsync();
        var until = DateTimeOffset.UtcNow.AddSeconds(2);

        using var snoozed = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/snooze", new { until });
        var asleep = await snoozed.Content.ReadFromJsonAsync<ConversationJson>();
        var awake = await Eventually.Until(() => GetAsync(conversation.Id), c => c.Status == "open", "the snooze over");

        Assert.That(snoozed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(asleep!.Status, Is.EqualTo("snoozed"));
        Assert.That(asleep.SnoozedUntil, Is.EqualTo(until).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(awake.SnoozedUntil, Is.Null);
        Assert.That(awake.Assignee!.Id, Is.EqualTo(conversation.Assignee!.Id));
    }

    [Test]
    public async Task A_pending_conversation_opens_again_when_the_customer_writes()
    {
        var conversation = await NewConversationAsync();

        using var pending = await host.Admin.PostAsync($"/api/conversations/{conversation.Id}/pending", null);
        var waiting = await GetAsync(conversation.Id);
        using var answer = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(conversation.Customer.Address, "Ini nomor pesanannya: 4821")));
        var open = await Eventually.Until(() => GetAsync(conversation.Id), c => c.Status == "open", "the customer's answer opening it");

        Assert.That(pending.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(waiting.Status, Is.EqualTo("pending"));
        Assert.That(open.Assignee!.Id, Is.EqualTo(conversation.Assignee!.Id));
    }

    [Test]
    public async Task A_snooze_in_the_past_or_of_a_resolved_conversation_is_refused_with_the_reason()
    {
        var conversation = await NewConversationAsync();

        using var past = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation.Id}/snooze", new { until = DateTimeOffset.UtcNow.AddMinutes(-1) });
        using var resolved = await host.Admin.PostAsync($"/api/conversations/{conversation.Id}/resolve", null);
        using var afterResolve = await host.Admin.PostAsync($"/api/conversations/{conversation.Id}/pending", null);
        using var unknown = await host.Admin.PostAsync($"/api/conversations/{Guid.NewGuid()}/pending", null);

        Assert.That(past.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await past.Content.ReadAsStringAsync(), Does.Contain("until"));
        Assert.That(afterResolve.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private async Task<ConversationJson> NewConversationAsync()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, pesanan saya belum sampai")));
        return (await host.AssignedConversationAsync(customer))!;
    }

    private async Task<ConversationJson> GetAsync(Guid id) =>
        (await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{id}"))!;
}
