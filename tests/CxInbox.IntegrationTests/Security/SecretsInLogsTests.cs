using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CxInbox.Channels.Testing;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CxInbox.IntegrationTests.Security;

/// <summary>
/// Every log entry of a Host run at the shipped levels, with CxInbox's own down to Trace, and the structured values a
/// log shipper keeps:
/// signed webhooks on every channel (one with a wrong signature), API calls with the bearer key, a mailbox whose IMAP
/// password the server refuses and an SMTP password, and a customer and an agent writing a card number. None of the
/// secrets, signatures, the key, the passwords or the full card number may appear.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed partial class SecretsInLogsTests
{
    private const string FacebookAppSecret = "fb-app-secret-7c1e0d9a4b";
    private const string FacebookVerifyToken = "fb-verify-token-51f0a2";
    private const string FacebookPageToken = "EAAfbpagetoken9d8c7b6a";
    private const string XConsumerSecret = "x-consumer-secret-2b9e77f1";
    private const string XAccessTokenSecret = "x-access-token-secret-6a5d";
    private const string WebhookSecret = "generic-webhook-secret-93a1f0";
    private const string ImapPassword = "imap-password-0f4e2d1c";
    private const string SmtpPassword = "smtp-password-8b7a6c5d";
    private const string Card = "4111 1111 1111 1111";

    [Test]
    public async Task No_secret_token_password_or_full_card_number_appears_in_any_log_entry()
    {
        var logs = new CapturedLogs();
        await using var twilio = await ScriptedProvider.StartAsync((_, call) =>
            new ProviderAnswer(System.Net.HttpStatusCode.Created, $$"""{"sid": "SM{{call:D32}}", "status": "queued"}"""));
        await using var services = await RealServices.CreateAsync("secrets");
        var settings = CxInboxHostFactory.BaseSettings();
        // The shipped levels (appsettings.json: Information, ASP.NET Core and MassTransit at Warning), and everything
        // of our own down to Trace.
        settings["Logging:LogLevel:Default"] = "Information";
        settings["Logging:LogLevel:CxInbox"] = "Trace";
        settings["ConnectionStrings:Postgres"] = services.PostgresConnectionString;
        settings["ConnectionStrings:RabbitMq"] = services.RabbitMqUri;
        settings["Channels:Twilio:ApiBaseUrl"] = twilio.BaseAddress.ToString();
        settings["Channels:Facebook:AppSecret"] = FacebookAppSecret;
        settings["Channels:Facebook:VerifyToken"] = FacebookVerifyToken;
        settings["Channels:Facebook:PageAccessToken"] = FacebookPageToken;
        settings["Channels:X:ConsumerKey"] = "x-consumer-key";
        settings["Channels:X:ConsumerSecret"] = XConsumerSecret;
        settings["Channels:X:AccessToken"] = "x-access-token";
        settings["Channels:X:AccessTokenSecret"] = XAccessTokenSecret;
        settings["Channels:Webhook:Secret"] = WebhookSecret;
        var mailbox = $"secrets-{Guid.NewGuid():N}"[..16] + "@" + TestEnvironment.MailDomain;
        settings["Channels:Email:Mailboxes:0:Address"] = mailbox;
        settings["Channels:Email:Mailboxes:0:Host"] = TestEnvironment.Imap.Host;
        settings["Channels:Email:Mailboxes:0:Port"] = TestEnvironment.Imap.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Channels:Email:Mailboxes:0:TlsMode"] = "None";
        settings["Channels:Email:Mailboxes:0:User"] = mailbox;
        settings["Channels:Email:Mailboxes:0:Password"] = ImapPassword;
        settings["Channels:Email:Mailboxes:0:PollInterval"] = "00:00:02";
        settings["Channels:Email:Smtp:Host"] = TestEnvironment.Smtp.Host;
        settings["Channels:Email:Smtp:Port"] = TestEnvironment.Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Channels:Email:Smtp:TlsMode"] = "None";
        settings["Channels:Email:Smtp:User"] = mailbox;
        settings["Channels:Email:Smtp:Password"] = SmtpPassword;
        await using var factory = new CxInboxHostFactory(settings).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var anonymous = factory.CreateClient();
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", CxInboxHostFactory.AdminKey);
        List<string> signatures = [];

        using (await admin.PostAsJsonAsync("/api/agents", new { name = "Ayu", capacity = 10, status = "online" }))
        {
        }

        var customer = TwilioWebhooks.NewCustomerNumber();
        var sms = TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, $"Kartu saya {Card} kena tagihan dua kali"));
        signatures.Add(sms.Headers.GetValues("X-Twilio-Signature").Single());
        using (await anonymous.SendAsync(sms))
        {
        }

        signatures.Add(await PostSignedAsync(anonymous, "/webhooks/facebook", "X-Hub-Signature-256", HexSignature(FacebookAppSecret),
            """{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"7000000000000009"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_secret","text":"card 4111111111111111"}}]}]}"""));
        signatures.Add(await PostSignedAsync(anonymous, "/webhooks/x", "X-Twitter-Webhooks-Signature", body => "sha256=" + Convert.ToBase64String(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(XConsumerSecret), body)), """{"for_user_id":"1","direct_message_events":[]}"""));
        signatures.Add(await PostSignedAsync(anonymous, "/webhooks/generic", "X-CxInbox-Signature", HexSignature(WebhookSecret),
            """{"account":"shop","messages":[{"id":"g1","from":"u1","text":"4111-1111-1111-1111"}]}"""));
        signatures.Add(await PostSignedAsync(anonymous, "/webhooks/generic", "X-CxInbox-Signature", _ => "sha256=" + new string('a', 64), "{}"));
        using (await anonymous.GetAsync($"/webhooks/facebook?hub.mode=subscribe&hub.verify_token={FacebookVerifyToken}&hub.challenge=1"))
        using (await anonymous.GetAsync("/webhooks/facebook?hub.mode=subscribe&hub.verify_token=wrong-token-guess&hub.challenge=1"))
        {
        }

        var conversation = await Eventually.Until(async () => (await admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?channel=sms"))!
            .Items.FirstOrDefault(c => c.Customer.Address == customer), c => c?.Assignee is not null, "the SMS routed", TimeSpan.FromMinutes(1));
        using (await admin.PostAsJsonAsync($"/api/conversations/{conversation!.Id}/replies", new { text = $"Kartu {Card} sudah kami blokir" }))
        using (await anonymous.GetAsync("/api/agents"))
        {
        }

        await Eventually.Until(() => Task.FromResult(logs.Entries.Count(e => e.Contains(mailbox, StringComparison.Ordinal))),
            n => n > 0, "the mailbox's failed sign-in logged", TimeSpan.FromMinutes(1));
        await Eventually.Until(async () => (await admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{conversation.Id}"))!.Messages!
            .LastOrDefault(m => m.Direction == "outbound")?.Delivery?.Status, s => s is "queued" or "sent", "the reply accepted by Twilio", TimeSpan.FromMinutes(1));

        string[] secrets =
        [
            CxInboxHostFactory.AdminKey, CxInboxHostFactory.TwilioAuthToken, FacebookAppSecret, FacebookVerifyToken, FacebookPageToken,
            XConsumerSecret, XAccessTokenSecret, WebhookSecret, ImapPassword, SmtpPassword, .. signatures,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CxInboxHostFactory.TwilioAccountSid}:{CxInboxHostFactory.TwilioAuthToken}")),
            "Password=" + new Npgsql.NpgsqlConnectionStringBuilder(services.PostgresConnectionString).Password,
            new Uri(services.RabbitMqUri).UserInfo + "@",
        ];
        // The test account's auth token is the tail of its (public) account SID: look for the token outside the SID.
        var entries = logs.Entries.Select(e => e.Replace(CxInboxHostFactory.TwilioAccountSid, "AC…", StringComparison.Ordinal)).ToList();
        Assert.That(entries, Has.Count.GreaterThan(20), "the run was logged");
        TestContext.Out.WriteLine($"log entries scanned: {entries.Count}");
        Assert.Multiple(() =>
        {
            foreach (var secret in secrets.Distinct())
            {
                Assert.That(entries.Where(e => e.Contains(secret, StringComparison.Ordinal)).Take(3), Is.Empty, $"a secret ({secret[..4]}…) is logged");
            }

            Assert.That(entries.Where(e => CardLike().IsMatch(e)).Take(3), Is.Empty, "a full card number is logged");
        });
    }

    // The test card in any of the usual spellings: spaces, dashes or none.
    [GeneratedRegex(@"4111[ -]?1111[ -]?1111[ -]?1111")]
    private static partial Regex CardLike();

    private static Func<byte[], string> HexSignature(string secret) =>
        body => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private static async Task<string> PostSignedAsync(HttpClient client, string path, string header, Func<byte[], string> sign, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var signature = sign(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(header, signature);
        using (await client.SendAsync(request))
        {
        }

        return signature;
    }
}
