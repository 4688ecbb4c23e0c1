using System.Net.Http.Json;
using System.Text;
using CxInbox.IntegrationTests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace CxInbox.IntegrationTests.Hostile;

/// <summary>
/// The API's JSON endpoints and query strings through the running Host, as an administrator (so that every request
/// gets past authentication to the parsing): hostile bodies in every field, random bytes, invalid UTF-8, deep JSON,
/// CRLF in headers, SQL-injection strings and absurd page sizes and other query values. Never a 5xx; a refusal is
/// a 4xx problem+json with a reason, and what was refused is not stored.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class ApiHostileInputTests
{
    private HostileHost host = null!;
    private Guid agentId;
    private Guid conversationId;
    private Guid customerId;

    [OneTimeSetUp]
    public async Task StartHostWithAnAgentAndAConversation()
    {
        host = await HostileHost.StartAsync("hostile_api");
        using var created = await host.Admin.PostAsJsonAsync("/api/agents", new { name = "Ayu", capacity = 50, status = "online" });
        agentId = (await created.Content.ReadFromJsonAsync<AgentJson>())!.Id;
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var sms = await host.Client.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai")));
        var page = await Eventually.Until(() => host.Admin.GetFromJsonAsync<ConversationPageJson>("/api/conversations?pageSize=200"),
            p => p!.Items.Any(c => c.Customer.Address == customer), "the customer's conversation");
        var conversation = page!.Items.Single(c => c.Customer.Address == customer);
        (conversationId, customerId) = (conversation.Id, conversation.Customer.Id);
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
    public async Task Creating_agents_from_hostile_bodies_stores_exactly_the_ones_answered_201()
    {
        var before = await host.ScalarAsync("SELECT COUNT(*) FROM agents");

        var accepted = host.Check("api POST /api/agents", Body("POST", Gen.Constant("/api/agents"), AgentJson), host.Admin);

        Assert.That(await host.ScalarAsync("SELECT COUNT(*) FROM agents"), Is.EqualTo(before + accepted));
    }

    [Test]
    public async Task A_reply_with_a_NUL_character_is_a_400_that_says_so_and_stores_nothing()
    {
        // Found by this suite: PostgreSQL refuses U+0000 in text, and the reply endpoint answered 500.
        var before = await host.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'outbound'");

        using var response = await host.Admin.PostAsync($"/api/conversations/{conversationId}/replies",
            new StringContent("{\"text\":\"Halo\\u0000kak\"}", Encoding.UTF8, "application/json"));
        var problem = await response.Content.ReadFromJsonAsync<ProblemJson>();

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(problem!.Detail, Does.Contain("NUL"));
        Assert.That(await host.ScalarAsync("SELECT COUNT(*) FROM messages WHERE direction = 'outbound'"), Is.EqualTo(before));
    }

    [Test]
    public void Json_endpoints_refuse_hostile_bodies_with_a_reason() =>
        _ = host.Check("api JSON bodies", Gen.OneOf(
            Body("PUT", Ids("/api/agents/{agent}/presence"), Object(("status", Word("online", "away", "offline")))),
            Body("POST", Ids("/api/conversations/{conversation}/replies"), Object(("text", Word("Baik kak, kami cek")))),
            Body("POST", Gen.Constant("/api/classify"), Object(("text", Word("Paket saya belum sampai")), ("channel", Word("sms", "email")))),
            Body("PUT", Ids("/api/conversations/{conversation}/tags"), Object(("journeyStage", Word("delivery", "promotion")), ("complaint", Word("true", "false")), ("note", Word("ok")))),
            Body("POST", Ids("/api/conversations/{conversation}/snooze"), Object(("until", Word(DateTimeOffset.UtcNow.AddHours(2).ToString("O"), "2026-13-45T99:99:99Z")))),
            Body("POST", Ids("/api/conversations/{conversation}/move"), Object(("agentId", Word("{agent}")), ("team", Word("service", "sales")), ("reason", Word("load")))),
            Body("PUT", Ids("/api/agents/{agent}/capacity"), Object(("capacity", Word("6", "0", "101")), ("reason", Word("shift")))),
            Body("POST", Ids("/api/agents/{agent}/pause"), Object(("reason", Word("break")))),
            Body("POST", Ids("/api/customers/{customer}/merge"), Object(("customerId", Word("{customer}", Guid.NewGuid().ToString())))),
            Body("POST", Ids("/api/customers/{customer}/split"), Object(("channel", Word("sms")), ("address", Word("+15555550123"))))), host.Admin);

    [Test]
    public void Query_strings_with_absurd_values_are_refused_with_a_reason() =>
        _ = host.Check("api query values", Gen.OneOf(
            Query("/api/conversations", "status", "assigneeId", "channel", "unassigned", "page", "pageSize"),
            Query(Ids("/api/agents/{agent}/conversations"), "status", "page", "pageSize"),
            Query(Ids("/api/customers/{customer}/history"), "limit"),
            Query("/api/audit", "since", "action", "page", "pageSize"),
            Query("/api/tag-corrections", "since"),
            Query("/api/admin/dead-letters", "peek"),
            Query(Ids("/api/conversations/{conversation}/assignments")),
            // Not NUL in the path: Kestrel answers that 400 itself, before any middleware; the in-process TestServer throws.
            Query(HostileValues.NastyString.Where(team => !team.Contains('\0')).Select(team => $"/api/teams/{Uri.EscapeDataString(team.Length > 200 ? team[..200] : team)}/rebalance"), "preview")
                .Select(r => r with { Method = "POST" })), host.Admin);

    // ---- generators ----

    /// <summary>A request with a JSON body: the endpoint's shape with hostile values (mostly), or hostile bytes.</summary>
    private Gen<HostileRequest> Body(string method, Gen<string> paths, Gen<string> shape) =>
        from path in paths
        from body in Gen.Frequency(
            (6, shape.Select(Encoding.UTF8.GetBytes)),
            (1, HostileValues.JsonValue.Select(Encoding.UTF8.GetBytes)),
            (1, HostileValues.RandomBytes(4096)),
            (1, HostileValues.InvalidUtf8.Select(b => (byte[])[.. "{\"text\":\""u8.ToArray(), .. b, .. "\"}"u8.ToArray()])))
        from contentType in Gen.Frequency((8, Gen.Constant("application/json")),
            (1, Gen.Elements("text/plain", "", "application/json; charset=utf-16", "application/json\r\nX-Injected: 1", "application/x-www-form-urlencoded")))
        select new HostileRequest(method, path.Replace("{agent}", agentId.ToString()).Replace("{conversation}", conversationId.ToString())
                .Replace("{customer}", customerId.ToString()),
            contentType.Length == 0 ? [] : [new("Content-Type", contentType)],
            Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("{agent}", agentId.ToString()).Replace("{customer}", customerId.ToString())) is var replaced
                && body.Length > 0 && body[0] == (byte)'{' ? replaced : body,
            MustBeRefused: false, $"{method} body");

    private static Gen<HostileRequest> Query(string path, params string[] names) => Query(Gen.Constant(path), names);

    /// <summary>A GET with some of the named parameters set to absurd or hostile values, and now and then a parameter
    /// repeated or unknown.</summary>
    private static Gen<HostileRequest> Query(Gen<string> paths, params string[] names) =>
        from path in paths
        from values in Gen.CollectToArray(names.Select(name => Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (2, Gen.Elements(HostileValues.AbsurdNumbers).Select(v => (string?)v)),
            (2, HostileValues.NastyString.Select(v => (string?)Uri.EscapeDataString(v.Length > 2000 ? v[..2000] : v))))))
        from extra in Gen.Elements("", "&page=1&page=2", "&unknown=%27%3B--", "&pageSize=%ZZ", "&=", "&&")
        select new HostileRequest("GET",
            path + "?" + string.Join('&', names.Zip(values).Where(p => p.Second is not null).Select(p => $"{p.First}={p.Second}")) + extra,
            [], [], MustBeRefused: false, "query");

    private Gen<string> Ids(string template) => Gen.Frequency(
        (4, Gen.Constant(template)),
        (1, Gen.Elements(Guid.Empty.ToString(), Guid.NewGuid().ToString()).Select(id =>
            template.Replace("{agent}", id).Replace("{conversation}", id).Replace("{customer}", id))));

    /// <summary>A plausible JSON value for a field, with "{agent}"-style placeholders filled in later.</summary>
    private static Gen<string> Word(params string[] plausible) => Gen.Elements(plausible).Select(HostileValues.Quote);

    /// <summary>An object with the given fields, each plausible, hostile, missing or repeated; sometimes an unknown field.</summary>
    private static Gen<string> Object(params (string Name, Gen<string> Plausible)[] fields) =>
        from values in Gen.CollectToArray(fields.Select(f => Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (4, f.Plausible.Select(v => (string?)v)),
            (3, HostileValues.JsonValue.Select(v => (string?)v)))))
        from extra in Gen.Elements("", ",\"unexpected\":1", ",\"__proto__\":{\"admin\":true}", ",\"text\":\"twice\"")
        select "{" + string.Join(',', fields.Zip(values).Where(p => p.Second is not null).Select(p => $"\"{p.First.Name}\":{p.Second}")) + extra + "}";

    private static Gen<string> AgentJson => Object(
        ("name", Word("Ayu", "Budi")),
        ("teams", Gen.Elements("[\"service\"]", "[]", "[\"sales\",\"service\"]")),
        ("skills", Gen.Elements("[\"billing\"]", "[]")),
        ("languages", Gen.Elements("[\"id\",\"en\"]", "[]")),
        ("channels", Gen.Elements("[\"sms\"]", "[\"email\",\"x\"]")),
        ("capacity", Gen.Elements("5", "0", "100")),
        ("status", Word("online", "offline", "away")));
}
