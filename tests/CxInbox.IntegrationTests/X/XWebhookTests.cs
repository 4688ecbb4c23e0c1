using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.X;

/// <summary>X webhooks through the running Host: the CRC challenge, a signed DM and a signed mention, and a forged
/// body. Signatures are the providers' vectors (tests/TestData/providers/test-vectors.json).</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class XWebhookTests
{
    private const string ConsumerSecret = "FakeConsumerSecret0123456789abcdefghijklmnopqrstuv";
    private const string CustomerId = "1600000000000000002";

    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(Engines.Embedded, "x", new Dictionary<string, string?>
        {
            ["Channels:X:ConsumerSecret"] = ConsumerSecret,
            ["Channels:X:ConsumerKey"] = "integration-consumer-key",
            ["Channels:X:AccessToken"] = "integration-access-token",
            ["Channels:X:AccessTokenSecret"] = "integration-access-token-secret",
            ["Channels:X:AccountId"] = "1500000000000000001",
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
    }

    [Test]
    public async Task The_crc_challenge_is_answered_with_the_signed_token()
    {
        using var response = await host.Anonymous.GetAsync("/webhooks/x?crc_token=4f2e9c1a-0d3b-4a57-9e6c-2b8f1d7a5c30");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(),
            Is.EqualTo("""{"response_token":"sha256=A3m7tLEPaSXk33MRaDM4CwazY0SoRBVuKGCFRlr4Y1w="}"""));
    }

    [Test]
    public async Task A_signed_direct_message_and_a_signed_mention_reach_the_agent_as_two_conversations_of_one_customer()
    {
        using var dm = await PostFixtureAsync("x-dm-event.json", "sha256=9OAtqCVs2xLfZZzOjOnzQBCn4LQ11qiyFEDX/fO7DyA=");
        using var mention = await PostFixtureAsync("x-mention.json", "sha256=bh1qRBgaF4pCNTZ0x8wffQC6zGWsWpIkZFZtPBJLpu4=");

        var conversations = await Eventually.Until(XConversationsAsync, c => c.Count >= 2, "a DM and a mention conversation");

        Assert.That(dm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(mention.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(conversations.Select(c => c.Channel), Is.EquivalentTo(new[] { "x-dm", "x" }));
        Assert.That(conversations.Select(c => c.Customer.Address), Has.All.EqualTo(CustomerId));
        Assert.That(conversations.Select(c => c.Customer.Id).Distinct().Count(), Is.EqualTo(1), "one customer on DMs and mentions");
        Assert.That(conversations.Select(c => c.Assignee), Has.All.Not.Null, "an online agent takes both");
        var texts = conversations.SelectMany(c => c.Messages!).Select(m => m.Text).ToList();
        Assert.That(texts, Does.Contain("Halo min, refund untuk order #4821 belum masuk ke rekening saya. Sudah 7 hari."));
        Assert.That(texts, Has.Some.Contains("paket saya belum sampai sejak Senin"));
    }

    [Test]
    public async Task A_body_changed_after_signing_is_refused_and_stores_nothing()
    {
        var fixture = System.Text.Encoding.UTF8.GetString(await ReadFixtureAsync("x-dm-event.json"));
        var body = System.Text.Encoding.UTF8.GetBytes(fixture.Replace("1900000000000000101", "1900000000000000999", StringComparison.Ordinal));

        using var response = await PostAsync(body, "sha256=9OAtqCVs2xLfZZzOjOnzQBCn4LQ11qiyFEDX/fO7DyA=");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("signature"));
        Assert.That(await host.StoredMessageCountAsync("1900000000000000999"), Is.Zero);
    }

    private async Task<HttpResponseMessage> PostFixtureAsync(string fixture, string signature) =>
        await PostAsync(await ReadFixtureAsync(fixture), signature);

    private static Task<byte[]> ReadFixtureAsync(string fixture) =>
        File.ReadAllBytesAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "providers", "fixtures", fixture));

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/x") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("x-twitter-webhooks-signature", signature);
        return await host.Anonymous.SendAsync(request);
    }

    private async Task<List<ConversationJson>> XConversationsAsync()
    {
        var details = new List<ConversationJson>();
        foreach (var channel in new[] { "x-dm", "x" })
        {
            var page = await host.Admin.GetFromJsonAsync<ConversationPageJson>($"/api/conversations?channel={channel}&pageSize=200");
            foreach (var summary in page!.Items)
            {
                details.Add((await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{summary.Id}"))!);
            }
        }

        return details;
    }
}
