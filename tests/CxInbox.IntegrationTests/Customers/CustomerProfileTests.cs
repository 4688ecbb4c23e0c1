using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Customers;

/// <summary>A supervisor merges two profiles that are one person, and splits off an address that belongs to
/// someone else; the customer's next messages follow.</summary>
[TestFixture(Engines.Embedded)]
[TestFixture(Engines.RealServices)]
[Parallelizable(ParallelScope.Self)]
public sealed class CustomerProfileTests(Engines engines)
{
    private HostUnderTest host = null!;

    [SetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(engines, "customers");
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
    public async Task Merged_profiles_show_both_numbers_and_all_history_and_a_split_gives_the_number_back_to_a_profile_of_its_own()
    {
        var home = TwilioWebhooks.NewCustomerNumber();
        var work = TwilioWebhooks.NewCustomerNumber();
        using var a = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(home, "Halo, ini Rina")));
        using var b = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(work, "Rina lagi, dari nomor kantor")));
        var rina = (await host.AssignedConversationAsync(home))!.Customer.Id;
        var rinaAtWork = (await host.AssignedConversationAsync(work))!.Customer.Id;

        using var merged = await host.Admin.PostAsJsonAsync($"/api/customers/{rina}/merge", new { customerId = rinaAtWork, reason = "same person, home and office numbers" });
        var profile = await merged.Content.ReadFromJsonAsync<CustomerProfileJson>();
        using var gone = await host.Admin.GetAsync($"/api/customers/{rinaAtWork}");
        using var c = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(work, "Satu lagi dari kantor")));
        var history = await Eventually.Until(() => host.Admin.GetFromJsonAsync<CustomerHistoryJson>($"/api/customers/{rina}/history"),
            h => h?.Messages.Length == 3, "three messages in Rina's history");

        Assert.That(merged.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merged.Content.ReadAsStringAsync());
        Assert.That(profile!.Identities.Select(i => i.Address), Is.EquivalentTo(new[] { home, work }));
        Assert.That(profile.Conversations, Has.Length.EqualTo(2));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await gone.Content.ReadAsStringAsync(), Does.Contain(rina.ToString()));
        Assert.That(history!.Messages.Select(m => m.Text), Is.EqualTo(new[] { "Halo, ini Rina", "Rina lagi, dari nomor kantor", "Satu lagi dari kantor" }));

        using var split = await host.Admin.PostAsJsonAsync($"/api/customers/{rina}/split", new { channel = "sms", address = work });
        var colleague = await split.Content.ReadFromJsonAsync<CustomerProfileJson>();
        var rinaAfter = await host.Admin.GetFromJsonAsync<CustomerProfileJson>($"/api/customers/{rina}");
        using var lastOne = await host.Admin.PostAsJsonAsync($"/api/customers/{rina}/split", new { channel = "sms", address = home });
        var merges = await host.Admin.GetStringAsync("/api/audit?action=customer.merged");
        var splits = await host.Admin.GetStringAsync("/api/audit?action=customer.split");

        Assert.That(split.StatusCode, Is.EqualTo(HttpStatusCode.OK), await split.Content.ReadAsStringAsync());
        Assert.That(colleague!.Id, Is.Not.EqualTo(rina));
        Assert.That(colleague.Identities.Select(i => i.Address), Is.EqualTo(new[] { work }));
        Assert.That(colleague.Conversations.Select(x => x.Address), Is.EqualTo(new[] { work }));
        Assert.That(rinaAfter!.Identities.Select(i => i.Address), Is.EqualTo(new[] { home }));
        Assert.That(lastOne.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a profile's only identity cannot be split off");
        Assert.That(merges, Does.Contain(rina.ToString()).And.Contain(rinaAtWork.ToString()).And.Contain("same person, home and office numbers"));
        Assert.That(splits, Does.Contain(colleague.Id.ToString()).And.Contain(work));
    }

    [Test]
    public async Task Merging_with_an_unknown_or_the_same_customer_is_refused_with_a_reason()
    {
        var number = TwilioWebhooks.NewCustomerNumber();
        using var a = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(number, "Halo")));
        var customer = (await host.AssignedConversationAsync(number))!.Customer.Id;

        using var unknown = await host.Admin.PostAsJsonAsync($"/api/customers/{customer}/merge", new { customerId = Guid.NewGuid() });
        using var itself = await host.Admin.PostAsJsonAsync($"/api/customers/{customer}/merge", new { customerId = customer });
        using var noAddress = await host.Admin.PostAsJsonAsync($"/api/customers/{customer}/split", new { channel = "sms" });

        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await unknown.Content.ReadFromJsonAsync<ProblemJson>())!.Detail, Does.Contain("does not exist"));
        Assert.That(itself.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noAddress.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(noAddress.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
