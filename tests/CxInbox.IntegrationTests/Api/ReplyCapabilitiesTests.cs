using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CxInbox.Channels.Capabilities;
using CxInbox.Channels.Outbound;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Api;

/// <summary>The reply API refuses with 422 what the conversation's channel declares it cannot take (too long, reply
/// window closed), before anything is stored or sent; an api-only process, which runs no adapter, knows the channels'
/// capabilities too.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ReplyCapabilitiesTests
{
    // The Meta app of the providers' vectors and fixtures (tests/TestData/providers).
    private const string FacebookAppSecret = "abcdef0123456789abcdef0123456789";
    private const string PageId = "100000000000001";

    private HostUnderTest host = null!;
    private HostUnderTest apiOnly = null!;

    [OneTimeSetUp]
    public async Task StartHosts()
    {
        host = await HostUnderTest.StartAsync(Engines.RealServices, "capabilities", new Dictionary<string, string?>
        {
            ["Channels:Facebook:AppSecret"] = FacebookAppSecret,
        });
        await host.CreateOnlineAgentAsync();
        apiOnly = HostUnderTest.StartRoles(host.Services!, "api");
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        if (apiOnly is not null)
        {
            await apiOnly.DisposeAsync();
        }

        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task An_sms_reply_longer_than_1600_characters_is_refused_with_422_and_nothing_is_stored()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var inbound = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Tolong jelaskan semua paketnya")));
        var conversation = await host.AssignedConversationAsync(customer);

        using var refused = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = new string('a', 1601) });

        await AssertRefusedAsync(refused, ReplyRefusal.TooLong, "at most 1600");
        Assert.That(await OutboundCountAsync(host, conversation.Id), Is.Zero, "replies stored for the conversation");
    }

    [Test]
    public async Task A_messenger_reply_seven_days_after_the_customer_last_wrote_is_refused_with_422_and_nothing_is_stored()
    {
        var customer = "71" + RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString("D14", System.Globalization.CultureInfo.InvariantCulture);
        var wroteAt = DateTimeOffset.UtcNow.AddDays(-8);
        using var inbound = await host.Anonymous.SendAsync(SignedMessenger(customer, "Paket saya belum sampai", wroteAt));
        var conversation = await Eventually.Until(() => MessengerConversationAsync(customer), c => c?.Assignee is not null,
            $"an assigned Messenger conversation for {customer}");

        using var refused = await host.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = "Halo kak, maaf baru kami balas." });

        Assert.That(inbound.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await AssertRefusedAsync(refused, ReplyRefusal.WindowClosed, $"{wroteAt:yyyy-MM-dd HH:mm} UTC");
        Assert.That(await OutboundCountAsync(host, conversation.Id), Is.Zero, "replies stored for the conversation");
    }

    [Test]
    public async Task An_api_only_process_runs_no_adapter_but_refuses_what_the_channel_cannot_take()
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var inbound = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Halo")));
        var conversation = await host.AssignedConversationAsync(customer);

        using var refused = await apiOnly.Admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = new string('a', 1601) });

        Assert.That(apiOnly.Factory.Services.GetServices<IReplySender>(), Is.Empty, "the api-only process runs no sender");
        var catalog = apiOnly.Factory.Services.GetRequiredService<ChannelCapabilitiesCatalog>();
        Assert.That(new[] { "sms", "facebook", "x", "x-dm", "email", "webhook" }.Where(key => catalog.Find(key) is null), Is.Empty,
            "channels whose capabilities the api-only process does not know");
        await AssertRefusedAsync(refused, ReplyRefusal.TooLong, "at most 1600");
        Assert.That(await OutboundCountAsync(host, conversation.Id), Is.Zero, "replies stored for the conversation");
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code, string reasonContains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        using var problem = JsonDocument.Parse(body);
        Assert.That(problem.RootElement.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(problem.RootElement.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(problem.RootElement.GetProperty("detail").GetString(), Does.Contain(reasonContains));
    }

    private static async Task<long> OutboundCountAsync(HostUnderTest on, Guid conversationId) =>
        await on.ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE conversation_id = @p AND direction = 'outbound'", conversationId);

    private async Task<ConversationJson?> MessengerConversationAsync(string customer)
    {
        var page = await host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=facebook&pageSize=200");
        var summary = page!.Items.FirstOrDefault(c => c.Customer.Address == customer);
        return summary is null ? null : await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{summary.Id}");
    }

    private static HttpRequestMessage SignedMessenger(string customer, string text, DateTimeOffset at)
    {
        var milliseconds = at.ToUnixTimeMilliseconds();
        var body = Encoding.UTF8.GetBytes($$$"""
            {"object":"page","entry":[{"id":"{{{PageId}}}","time":{{{milliseconds}}},"messaging":[{"sender":{"id":"{{{customer}}}"},"recipient":{"id":"{{{PageId}}}"},"timestamp":{{{milliseconds}}},"message":{"mid":"m_{{{Guid.NewGuid():N}}}","text":"{{{text}}}"}}]}]}
            """);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/facebook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(FacebookAppSecret), body)));
        return request;
    }
}
