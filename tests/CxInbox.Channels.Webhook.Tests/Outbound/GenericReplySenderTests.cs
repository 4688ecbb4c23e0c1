using System.Net;
using System.Text;
using System.Text.Json;
using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Webhook.Outbound;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Webhook.Tests.Outbound;

/// <summary>What the reply sender does beyond the conformance suite: the body and signature the receiver gets, and
/// the answers the suite does not script.</summary>
public sealed class GenericReplySenderTests
{
    private readonly List<IAsyncDisposable> providers = [];
    private readonly HttpClient http = new();

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        providers.Clear();
    }

    [OneTimeTearDown]
    public void DisposeClient() => http.Dispose();

    [Test]
    public async Task The_receiver_gets_the_documented_JSON_signed_over_the_bytes_it_received()
    {
        var provider = await StartAsync(_ => new ProviderAnswer(HttpStatusCode.OK, """{"id": "out-77"}"""));
        var reply = GenericReplySenderConformanceTests.Reply();

        var outcome = await SenderFor(provider).SendAsync(reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent("out-77", "sent")));
        var request = provider.Requests.Single();
        using var body = JsonDocument.Parse(request.Body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Path, Is.EqualTo("/cxinbox/replies"));
            Assert.That(request.Headers["Content-Type"], Does.StartWith("application/json"));
            Assert.That(request.Headers[InHouseSystem.SignatureHeader], Is.EqualTo(InHouseSystem.Sign(InHouseSystem.Secret, Encoding.UTF8.GetBytes(request.Body))));
            Assert.That(body.RootElement.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "replyId", "conversationId", "account", "to", "text" }));
            Assert.That(body.RootElement.GetProperty("replyId").GetGuid(), Is.EqualTo(reply.ReplyId));
            Assert.That(body.RootElement.GetProperty("conversationId").GetGuid(), Is.EqualTo(reply.ConversationId));
            Assert.That(body.RootElement.GetProperty("account").GetString(), Is.EqualTo(reply.ChannelAccount));
            Assert.That(body.RootElement.GetProperty("to").GetString(), Is.EqualTo(reply.CustomerAddress));
            Assert.That(body.RootElement.GetProperty("text").GetString(), Is.EqualTo(reply.Text));
        }
    }

    [Test]
    public async Task A_receiver_that_accepts_without_an_id_leaves_our_reply_id_as_the_key()
    {
        var provider = await StartAsync(_ => new ProviderAnswer(HttpStatusCode.Accepted, ""));
        var reply = GenericReplySenderConformanceTests.Reply();

        var outcome = await SenderFor(provider).SendAsync(reply, CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Sent(reply.ReplyId.ToString(), "sent")));
    }

    [Test]
    public async Task A_refusal_tells_the_agent_the_status_and_the_receivers_error()
    {
        var provider = await StartAsync(_ => new ProviderAnswer(HttpStatusCode.NotFound, """{"error": "no such user"}"""));

        var outcome = await SenderFor(provider).SendAsync(GenericReplySenderConformanceTests.Reply(), CancellationToken.None);

        Assert.That(outcome, Is.EqualTo(new SendOutcome.Failed("http_404", "The receiving system refused the reply (HTTP 404): no such user", IsPermanent: true)));
    }

    [Test]
    public async Task A_long_error_text_is_shortened_for_the_agent()
    {
        var provider = await StartAsync(_ => new ProviderAnswer(HttpStatusCode.BadRequest, JsonSerializer.Serialize(new { error = new string('x', 5000) })));

        var outcome = await SenderFor(provider).SendAsync(GenericReplySenderConformanceTests.Reply(), CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>());
        Assert.That(((SendOutcome.Failed)outcome).Reason, Does.EndWith(new string('x', GenericReplySender.MaxErrorLength) + "…"));
        Assert.That(((SendOutcome.Failed)outcome).Reason, Has.Length.LessThan(GenericReplySender.MaxErrorLength + 100));
    }

    [TestCase("", InHouseSystem.Secret)]
    [TestCase("https://helpdesk.example.com/cxinbox/replies", "")]
    public async Task Without_a_reply_URL_or_a_secret_nothing_is_sent_and_the_failure_is_permanent(string replyUrl, string secret)
    {
        var sender = new GenericReplySender(http,
            new FixedOptions<WebhookOptions>(new WebhookOptions { Secret = secret, ReplyUrl = replyUrl }), TimeProvider.System,
            NullLogger<GenericReplySender>.Instance);

        var outcome = await sender.SendAsync(GenericReplySenderConformanceTests.Reply(), CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>().With.Property("Code").EqualTo("not_configured").And.Property("IsPermanent").True);
    }

    private async Task<ScriptedProvider> StartAsync(Func<ProviderRequest, ProviderAnswer> answer)
    {
        var provider = await ScriptedProvider.StartAsync(answer);
        providers.Add(provider);
        return provider;
    }

    private GenericReplySender SenderFor(ScriptedProvider provider) => GenericReplySenderConformanceTests.Sender(
        new Uri(provider.BaseAddress, "cxinbox/replies"), http, new ProviderResilienceOptions(), TimeProvider.System);
}
