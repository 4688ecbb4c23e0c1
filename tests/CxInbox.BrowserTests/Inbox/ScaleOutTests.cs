using System.Net;
using System.Net.Http.Json;
using CxInbox.BrowserTests.Infrastructure;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CxInbox.BrowserTests.Inbox;

/// <summary>A browser may be connected to any api instance: each one bridges every bus event to its own hub.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ScaleOutTests : BrowserFixture
{
    [Test]
    public async Task A_page_served_by_a_second_api_instance_sees_a_message_that_arrived_through_the_first()
    {
        await using var second = HostUnderTest.StartRoles(Host.Services!, "api", onLoopbackPort: true);
        var (_, user, client) = await Host.SignedInAgentAsync();
        client.Dispose();
        var customer = TwilioWebhooks.NewCustomerNumber();

        await SignInThroughThePageAsync(user.Username, host: second.BaseAddress);
        await Expect(Page.Locator("body[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        using (var sms = await Host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai"))))
        {
            Assert.That(sms.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Expect(Page.Locator(".queue-item", new() { HasText = customer })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.That(new Uri(Page.Url).Port, Is.EqualTo(second.BaseAddress.Port));
        Assert.That(second.BaseAddress.Port, Is.Not.EqualTo(Host.BaseAddress.Port));
        Assert.That((await Host.Admin.GetFromJsonAsync<List<AgentJson>>("/api/agents"))!, Has.Count.EqualTo(1), "the only agent, so the message is theirs");
    }
}
