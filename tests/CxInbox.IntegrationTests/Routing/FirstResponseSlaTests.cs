using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using CxInbox.Contracts;
using CxInbox.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Routing;

/// <summary>A customer left waiting past the channel's first-response target shows as a breach, once, on the
/// conversation and on the bus; the agent's reply stops the clock.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class FirstResponseSlaTests(Engines engines) : HostPerTest(engines, "sla", new Dictionary<string, string?>
    {
        ["Routing:Sla:FirstResponse:sms"] = "00:00:01",
        ["Routing:Sla:CheckInterval"] = "00:00:00.200",
    })
{
    [Test]
    public async Task An_unanswered_customer_breaches_once_on_the_conversation_and_on_the_bus_and_a_reply_ends_the_breach()
    {
        var breaches = Channel.CreateUnbounded<SlaBreached>();
        var bus = host.Factory.Services.GetRequiredService<IBus>();
        var listener = bus.ConnectReceiveEndpoint($"sla-listener-{Guid.NewGuid():N}", e => e.Handler<SlaBreached>(c => breaches.Writer.WriteAsync(c.Message).AsTask()));
        await listener.Ready;
        var agent = await host.CreateOnlineAgentAsync();
        var customer = TwilioWebhooks.NewCustomerNumber();

        using var webhook = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo, ada yang bisa bantu?")));
        var waiting = await host.AssignedConversationAsync(customer);
        var breached = await Eventually.Until(() => host.FindConversationAsync(customer), c => c?.ServiceLevel?.BreachedAt is not null, "the breach on the conversation");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var published = await breaches.Reader.ReadAsync(timeout.Token);
        await Task.Delay(TimeSpan.FromSeconds(1)); // several more checks: none may publish the same breach again
        using var reply = await host.Admin.PostAsJsonAsync($"/api/conversations/{waiting!.Id}/replies", new { text = "Halo kak, kami bantu" });
        var answered = await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{waiting.Id}");

        var firstMessageAt = breached!.Messages!.Single().SentAt;
        Assert.That(breached.ServiceLevel!.ResponseDueAt, Is.EqualTo(firstMessageAt.AddSeconds(1)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(breached.ServiceLevel.BreachedAt, Is.GreaterThanOrEqualTo(breached.ServiceLevel.ResponseDueAt));
        Assert.That(published.ConversationId, Is.EqualTo(waiting.Id));
        Assert.That(published.AgentId, Is.EqualTo(agent.Id));
        Assert.That(published.Channel, Is.EqualTo("sms"));
        Assert.That(breaches.Reader.TryRead(out _), Is.False, "one breach, one event");
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(answered!.ServiceLevel, Is.EqualTo(new ServiceLevelJson(null, null)));
    }
}
