using System.Text;
using CxInbox.Channels.Webhook.Inbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Webhook.Tests.Inbound;

/// <summary>What the generic webhook does beyond the conformance suite: the field mapping and the reasons it gives.</summary>
public sealed class GenericWebhookTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 7, 45, 0, TimeSpan.Zero);

    [Test]
    public async Task Each_message_is_mapped_field_by_field()
    {
        var messages = await AcceptedAsync(GenericWebhookConformanceTests.ThreeMessages);

        Assert.That(messages, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(messages.Select(m => m.Channel), Is.All.EqualTo("webhook"));
            Assert.That(messages.Select(m => m.ChannelAccount), Is.All.EqualTo(InHouseSystem.Account));
            Assert.That(messages.Select(m => m.CustomerAddress), Is.EqualTo(new[] { "user-42", "user-7", "user-42" }));
            Assert.That(messages.Select(m => m.CustomerName), Is.EqualTo(new[] { null, "Budi", null }));
            Assert.That(messages[0].Text, Is.EqualTo("Is the blue one in stock?"));
            Assert.That(messages[0].ReceivedAt, Is.EqualTo(new DateTimeOffset(2026, 12, 4, 7, 31, 0, TimeSpan.Zero)), "+07:00 becomes UTC");
            Assert.That(messages[0].ReceivedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(messages[2].Text, Is.Empty);
            Assert.That(messages[2].Attachments.Select(a => (a.Url, a.ContentType)), Is.EqualTo(new[]
            {
                ("https://files.example.com/a/receipt.jpg", "image/jpeg"),
                ("https://files.example.com/a/invoice", "application/octet-stream"),
            }));
        }
    }

    [Test]
    public async Task A_message_without_sentAt_is_received_now()
    {
        var messages = await AcceptedAsync("""{"account": "helpdesk-app", "messages": [{"id": "m1", "from": "user-1", "text": "hi"}]}""");

        Assert.That(messages.Single().ReceivedAt, Is.EqualTo(Now));
    }

    [TestCase("""[1, 2]""", "JSON object")]
    [TestCase("""{"messages": [{"id": "m1", "from": "u", "text": "hi"}]}""", "\"account\" is required")]
    [TestCase("""{"account": "a", "messages": []}""", "\"messages\" must be a non-empty array")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "text": "hi"}, {"from": "u", "text": "hi"}]}""", "messages[1]: \"id\" is required")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "text": "hi"}]}""", "messages[0]: \"from\" is required")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "text": 5}]}""", "\"text\" must be a string")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u"}]}""", "neither \"text\" nor \"attachments\"")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "text": "hi", "sentAt": "2026-12-04T07:30:00"}]}""", "\"sentAt\" must be an ISO-8601 time with a zone")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "text": "hi", "sentAt": "yesterday"}]}""", "\"sentAt\" must be an ISO-8601 time with a zone")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "attachments": [{"url": "/files/1"}]}]}""", "messages[0].attachments[0]: \"url\" must be an absolute http(s) URL")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "attachments": [{"contentType": "image/png"}]}]}""", "messages[0].attachments[0]: \"url\" is required")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "u", "text": "hi"}""", "not JSON")]
    [TestCase("""{"account": "a", "messages": [{"id": "m1", "from": "\udc00", "text": "hi"}]}""", "$.messages[0].from escapes a lone UTF-16 surrogate")]
    public async Task A_body_that_is_not_the_documented_shape_is_a_400_naming_the_problem(string body, string reason)
    {
        var outcome = await HandleAsync(Signed(body));

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(400));
        Assert.That(((WebhookOutcome.Rejected)outcome).Reason, Does.Contain(reason));
    }

    [Test]
    public async Task JSON_nested_deeper_than_the_reader_allows_is_a_400_not_an_exception()
    {
        var outcome = await HandleAsync(Signed("""{"account": "a", "messages": """ + new string('[', 100) + new string(']', 100) + "}"));

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(400));
        Assert.That(((WebhookOutcome.Rejected)outcome).Reason, Does.StartWith("The body is not JSON"));
    }

    [Test]
    public async Task With_no_secret_configured_every_request_is_refused_even_one_signed_with_the_empty_secret()
    {
        var body = Encoding.UTF8.GetBytes(GenericWebhookConformanceTests.OneMessage);
        var channel = GenericWebhookConformanceTests.Channel("");

        var outcome = await channel.HandleAsync(GenericWebhookConformanceTests.Signed(GenericWebhookConformanceTests.Unsigned(body), ""), CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(403));
    }

    [Test]
    public async Task A_signature_in_upper_case_hex_or_without_its_prefix_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(GenericWebhookConformanceTests.OneMessage);
        var hex = InHouseSystem.Sign(InHouseSystem.Secret, body)["sha256=".Length..];

        foreach (var header in new[] { "SHA256=" + hex, hex, "sha256=" + hex[..^2] })
        {
            var request = GenericWebhookConformanceTests.Unsigned(body) with
            {
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json", [InHouseSystem.SignatureHeader] = header },
            };

            var outcome = await HandleAsync(request);

            Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(403), header);
        }
    }

    [Test]
    public async Task A_signed_body_that_is_not_sent_as_JSON_is_a_415()
    {
        var body = Encoding.UTF8.GetBytes(GenericWebhookConformanceTests.OneMessage);
        var request = GenericWebhookConformanceTests.Signed(GenericWebhookConformanceTests.Unsigned(body, "text/plain"), InHouseSystem.Secret);

        var outcome = await HandleAsync(request);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(415));
    }

    [Test]
    public async Task A_GET_is_a_405()
    {
        var request = GenericWebhookConformanceTests.Signed(GenericWebhookConformanceTests.Unsigned([]), InHouseSystem.Secret) with { Method = "GET" };

        var outcome = await HandleAsync(request);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>().With.Property("StatusCode").EqualTo(405));
    }

    private static WebhookRequest Signed(string body) =>
        GenericWebhookConformanceTests.Signed(GenericWebhookConformanceTests.Unsigned(Encoding.UTF8.GetBytes(body)), InHouseSystem.Secret);

    private static Task<WebhookOutcome> HandleAsync(WebhookRequest request) =>
        new GenericWebhook(new FixedOptions<WebhookOptions>(new WebhookOptions { Secret = InHouseSystem.Secret }), new FixedClock(Now),
            NullLogger<GenericWebhook>.Instance).HandleAsync(request, CancellationToken.None);

    private static async Task<IReadOnlyList<Contracts.InteractionReceived>> AcceptedAsync(string body)
    {
        var outcome = await HandleAsync(Signed(body));
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>(), $"got {outcome}");
        return ((WebhookOutcome.Accepted)outcome).Messages;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
