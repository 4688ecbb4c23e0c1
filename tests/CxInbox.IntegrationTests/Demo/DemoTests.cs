using System.Net.Http.Json;
using CxInbox.IntegrationTests.Email;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Demo;

/// <summary><c>--demo</c> on a first run (issue 9): the Host, as a newcomer starts it with nothing configured, fills
/// its own inbox through its own webhooks, and the seeded demo agents get the conversations.</summary>
public sealed class DemoTests
{
    private string dataDirectory = null!;

    [SetUp]
    public void CreateDataDirectory() =>
        dataDirectory = Directory.CreateTempSubdirectory("cxinbox-demo-").FullName;

    [TearDown]
    public void RemoveDataDirectory() => Directory.Delete(dataDirectory, recursive: true);

    [Test]
    public async Task A_first_run_with_demo_shows_conversations_on_every_webhook_channel_arriving_and_assigned()
    {
        // A brisker rate than the default, so the test waits less; the path is the same.
        await using var host = await HostProcess.StartEmbeddedAsync(dataDirectory, new() { ["CxInbox__Demo__Rate"] = "4" }, "--demo");
        using var api = host.CreateClient(admin: true);

        var page = await Eventually.Until(
            () => api.GetFromJsonAsync<ConversationPageJson>("/api/conversations?pageSize=200")!,
            p => p!.Items.Where(c => c.Assignee is not null).Select(c => c.Channel).Distinct().Count() >= 2
                && p.Items.Select(c => c.Channel).Distinct().Count() == 4,
            "demo conversations on sms, facebook, x-dm and webhook, some assigned", TimeSpan.FromSeconds(90));

        Assert.That(page!.Items.Select(c => c.Channel).Distinct(), Is.EquivalentTo(new[] { "sms", "facebook", "x-dm", "webhook" }));
        Assert.That(page.Items.Where(c => c.Assignee is not null).Select(c => c.Assignee!.Name).Distinct(),
            Is.SubsetOf(new[] { "Ayu Lestari", "Budi Santoso", "Chloe Martin" }));
        Assert.That(page.Items.Where(c => c.Tags is not null).Select(c => c.Tags!.JourneyStage).Distinct().Count(), Is.GreaterThan(1));
    }

    [Test]
    public async Task With_a_mailbox_configured_the_demo_also_writes_e_mail_through_the_real_mail_server()
    {
        await TestMailServer.EnsureRunningAsync();
        var settings = TestMailServer.MailboxSettings(TestMailServer.NewAddress("demo"))
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        settings["CxInbox__Demo__Rate"] = "4";
        await using var host = await HostProcess.StartEmbeddedAsync(dataDirectory, settings, "--demo");
        using var api = host.CreateClient(admin: true);

        var page = await Eventually.Until(
            () => api.GetFromJsonAsync<ConversationPageJson>("/api/conversations?pageSize=200")!,
            p => p!.Items.Select(c => c.Channel).Distinct().Count() == 5,
            "demo conversations on sms, facebook, x-dm, webhook and email", TimeSpan.FromSeconds(120));

        Assert.That(page!.Items.Select(c => c.Channel).Distinct(), Is.EquivalentTo(new[] { "sms", "facebook", "x-dm", "webhook", "email" }));
        Assert.That(page.Items.Where(c => c.Channel == "email").Select(c => c.Customer.Address), Has.All.EndsWith("@customer.example"));
    }
}
