using System.Net;
using System.Net.Http.Json;
using CxInbox.IntegrationTests.Infrastructure;

namespace CxInbox.IntegrationTests.Facebook;

/// <summary>Messenger webhooks through the running Host: the handshake, and a signed batch whose echo is not a
/// customer message.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class FacebookWebhookTests
{
    // The Meta app of the providers' vectors and fixtures (tests/TestData/providers).
    private const string AppSecret = "abcdef0123456789abcdef0123456789";
    private const string VerifyToken = "integration-verify-token";

    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = await HostUnderTest.StartAsync(Engines.Embedded, "facebook", new Dictionary<string, string?>
        {
            ["Channels:Facebook:AppSecret"] = AppSecret,
            ["Channels:Facebook:VerifyToken"] = VerifyToken,
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
    public async Task A_signed_batch_of_three_events_yields_the_two_customer_messages()
    {
        var body = await File.ReadAllBytesAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "providers", "fixtures", "facebook-batched.json"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/facebook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.Add("X-Hub-Signature-256", "sha256=6a9353b034591306b3341d2b31fac45dec2bd83d1c526d485c5dcfda9317c8cf");

        using var response = await host.Anonymous.SendAsync(request);
        var customers = await Eventually.Until(ConversationsAsync, c => c.Count >= 2, "two Messenger conversations");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(customers.Select(c => c.Customer.Address), Is.EquivalentTo(new[] { "7000000000000001", "7000000000000002" }));
        var texts = customers.SelectMany(c => c.Messages!).Select(m => m.Text).ToList();
        Assert.That(texts, Does.Contain("Sudah 5 hari belum ada kabar. Can I get a refund instead?"));
        Assert.That(texts, Has.None.StartWith("Hi Rina, this is Budi"), "the page's own echo is not a customer message");
        Assert.That(texts, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_verification_handshake_answers_the_challenge_only_with_our_token()
    {
        var ok = await host.Anonymous.GetAsync($"/webhooks/facebook?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        var wrong = await host.Anonymous.GetAsync("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");

        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ok.Content.ReadAsStringAsync(), Is.EqualTo("1158201444"));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_batch_with_a_wrong_signature_is_refused_and_stores_nothing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/facebook")
        {
            Content = new StringContent("""{"object":"page","entry":[{"id":"100000000000001","time":1,"messaging":[{"sender":{"id":"7000000000000099"},"recipient":{"id":"100000000000001"},"timestamp":1,"message":{"mid":"m_forged","text":"forged"}}]}]}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + new string('0', 64));

        using var response = await host.Anonymous.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await host.StoredMessageCountAsync("m_forged"), Is.Zero);
    }

    private async Task<List<ConversationJson>> ConversationsAsync()
    {
        var page = await host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=facebook&pageSize=200");
        var details = new List<ConversationJson>();
        foreach (var summary in page!.Items)
        {
            details.Add((await host.Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{summary.Id}"))!);
        }

        return details;
    }
}
