using System.Net;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// Providers deliver a webhook twice, at the same moment, and replay old ones later. With two routers taking the
/// copies side by side, each message is stored once and every conversation still ends routed.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class DuplicateDeliveryTests
{
    private static readonly int Customers = FaultScale.Of(60);
    private const int MessagesPerCustomer = 3;

    private RealServices services = null!;
    private readonly List<HostUnderTest> hosts = [];

    [OneTimeSetUp]
    public async Task StartTwoRoutersAndOneOfEachOtherRole()
    {
        services = await RealServices.CreateAsync("duplicates");
        hosts.Add(HostUnderTest.StartRoles(services, "api"));
        hosts.AddRange(await Task.WhenAll(Task.Run(() => HostUnderTest.StartRoles(services, "routing")), Task.Run(() => HostUnderTest.StartRoles(services, "routing"))));
        hosts.Add(HostUnderTest.StartRoles(services, "ingress"));
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (services is not null)
        {
            await services.DisposeAsync();
        }
    }

    [Test]
    public async Task Every_webhook_twice_at_once_and_replayed_later_is_stored_once()
    {
        var (api, ingress) = (hosts[0], hosts[^1]);
        await api.CreateOnlineAgentAsync(capacity: 100);
        var forms = Enumerable.Range(0, Customers).SelectMany(_ =>
        {
            var number = TwilioWebhooks.NewCustomerNumber();
            return Enumerable.Range(0, MessagesPerCustomer).Select(m => TwilioWebhooks.Sms(number, $"Pesan {m}: tolong dibantu"));
        }).ToList();

        var sending = System.Diagnostics.Stopwatch.StartNew();
        var answers = await Task.WhenAll(forms.SelectMany(form => new[] { PostAsync(ingress, form), PostAsync(ingress, form) }));
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'"),
            n => n >= forms.Count, "every message stored", FaultScale.Deadline(TimeSpan.FromMinutes(1)));
        var replays = await Task.WhenAll(Enumerable.Reverse(forms).Select(form => PostAsync(ingress, form)));
        await Eventually.Until(() => services.ScalarAsync("SELECT COUNT(*) FROM conversations WHERE assignee_id IS NULL AND queued_at IS NULL"),
            n => n == 0, "every conversation routed");

        FaultReport.Inbound("every webhook twice at once, then replayed in reverse", forms.Count,
            [.. forms.Select(f => f.Single(p => p.Key == "MessageSid").Value)], await services.StoredInboundMessagesAsync(),
            answers.Concat(replays).Count(a => a != HttpStatusCode.OK), sending.Elapsed);

        Assert.That(answers.Concat(replays), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(await services.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'"), Is.EqualTo(forms.Count), "each message once");
        Assert.That(await services.ScalarAsync("SELECT COUNT(*) FROM conversations"), Is.EqualTo(Customers), "one conversation per customer");
        Assert.That(await services.AgentsWithWrongLoadAsync(), Is.Zero, "the agent's load counts each conversation once");
    }

    private static async Task<HttpStatusCode> PostAsync(HostUnderTest ingress, List<KeyValuePair<string, string>> form)
    {
        using var response = await ingress.Anonymous.SendAsync(TwilioWebhooks.Signed(form));
        return response.StatusCode;
    }
}
