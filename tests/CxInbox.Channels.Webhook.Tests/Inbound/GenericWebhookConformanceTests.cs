using System.Text;
using CxInbox.Channels.Testing;
using CxInbox.Channels.Webhook.Inbound;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Webhook.Tests.Inbound;

/// <summary>The conformance suite against the generic webhook, with the bodies docs/integrators.md shows.</summary>
// [TestFixture] also makes this assembly reference NUnit, which is how the NUnit adapter decides to look in it.
[TestFixture]
public sealed class GenericWebhookConformanceTests : WebhookChannelConformance
{
    public const string OneMessage = """
        {
          "account": "helpdesk-app",
          "messages": [
            { "id": "msg-1001", "from": "user-42", "name": "Rina", "text": "Halo, pesanan #4821 belum sampai.", "sentAt": "2026-12-04T07:30:00Z" }
          ]
        }
        """;

    public const string ThreeMessages = """
        {
          "account": "helpdesk-app",
          "messages": [
            { "id": "msg-1002", "from": "user-42", "text": "Is the blue one in stock?", "sentAt": "2026-12-04T14:31:00+07:00" },
            { "id": "msg-1003", "from": "user-7", "name": "Budi", "text": "Saya mau komplain", "sentAt": "2026-12-04T07:31:05Z" },
            { "id": "msg-1004", "from": "user-42", "text": "", "sentAt": "2026-12-04T07:31:10Z",
              "attachments": [ { "url": "https://files.example.com/a/receipt.jpg", "contentType": "image/jpeg" }, { "url": "https://files.example.com/a/invoice" } ] }
          ]
        }
        """;

    protected override string Secret => InHouseSystem.Secret;

    protected override IEnumerable<WebhookSample> Samples =>
    [
        new("one message", Encoding.UTF8.GetBytes(OneMessage), ["msg-1001"]),
        new("three messages, the last with attachments only", Encoding.UTF8.GetBytes(ThreeMessages), ["msg-1002", "msg-1003", "msg-1004"]),
    ];

    protected override byte[] MalformedBody => Encoding.UTF8.GetBytes("""{"account": "helpdesk-app", "messages": [ { "text": "no id, no sender" } ]}""");

    // The limit the channel documents: 100 messages per request.
    protected override byte[] OversizedBody => Encoding.UTF8.GetBytes(
        """{"account": "helpdesk-app", "messages": [""" +
        string.Join(",", Enumerable.Range(1, 101).Select(i => $$"""{"id": "msg-{{i}}", "from": "user-1", "text": "hi"}""")) + "]}");

    protected override IWebhookChannel CreateChannel() => Channel(InHouseSystem.Secret);

    protected override WebhookRequest Request(byte[] body) => Unsigned(body);

    protected override WebhookRequest Sign(WebhookRequest request, string secret) => Signed(request, secret);

    internal static GenericWebhook Channel(string secret) => new(
        new FixedOptions<WebhookOptions>(new WebhookOptions { Secret = secret }), TimeProvider.System, NullLogger<GenericWebhook>.Instance);

    internal static WebhookRequest Unsigned(byte[] body, string contentType = "application/json") => new("POST", "https://cx.example.com/webhooks/generic",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType }, body);

    internal static WebhookRequest Signed(WebhookRequest request, string secret) => request with
    {
        Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase)
        {
            [InHouseSystem.SignatureHeader] = InHouseSystem.Sign(secret, request.Body.ToArray()),
        },
    };
}
