using CxInbox.IntegrationTests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CxInbox.IntegrationTests.Hostile;

/// <summary>
/// The real Host in process on RabbitMQ and PostgreSQL, with every channel's secret set, so hostile input reaches
/// each parser, and with a record of what each request published. Runs FsCheck properties against it and counts
/// the inputs tried per target.
/// </summary>
internal sealed class HostileHost : IAsyncDisposable
{
    public const string FacebookAppSecret = "hostile-facebook-app-secret-0123456789";
    public const string FacebookVerifyToken = "hostile-verify-token";
    public const string FacebookPageId = "100000000000001";
    public const string XConsumerSecret = "hostile-x-consumer-secret-0123456789abcdef";
    public const string XAccountId = "1500000000000000001";
    public const string WebhookSecret = "hostile-generic-webhook-secret-0123";

    private readonly RealServices services;
    private readonly WebApplicationFactory<Program> factory;

    private readonly CapturedLogs logs;

    private HostileHost(RealServices services, WebApplicationFactory<Program> factory, PublishedByRequest published, CapturedLogs logs)
    {
        this.logs = logs;
        this.services = services;
        this.factory = factory;
        Published = published;
        Client = factory.CreateClient();
        Admin = factory.CreateClient();
        Admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", CxInboxHostFactory.AdminKey);
    }

    public PublishedByRequest Published { get; }

    public HttpClient Client { get; }

    public HttpClient Admin { get; }

    /// <summary>Inputs per target: <c>CXINBOX_HOSTILE_INPUTS</c>, default 300 (the short form).</summary>
    public static int InputsPerTarget =>
        int.TryParse(Environment.GetEnvironmentVariable("CXINBOX_HOSTILE_INPUTS"), out var n) && n > 0 ? n : 300;

    public static async Task<HostileHost> StartAsync(string fixtureName)
    {
        var services = await RealServices.CreateAsync(fixtureName);
        var settings = CxInboxHostFactory.BaseSettings();
        settings["ConnectionStrings:Postgres"] = services.PostgresConnectionString;
        settings["ConnectionStrings:RabbitMq"] = services.RabbitMqUri;
        settings["Channels:Facebook:AppSecret"] = FacebookAppSecret;
        settings["Channels:Facebook:VerifyToken"] = FacebookVerifyToken;
        settings["Channels:Facebook:PageId"] = FacebookPageId;
        settings["Channels:X:ConsumerKey"] = "hostile-consumer-key";
        settings["Channels:X:ConsumerSecret"] = XConsumerSecret;
        settings["Channels:X:AccessToken"] = "hostile-access-token";
        settings["Channels:X:AccessTokenSecret"] = "hostile-access-token-secret";
        settings["Channels:X:AccountId"] = XAccountId;
        settings["Channels:Webhook:Secret"] = WebhookSecret;
        // Thousands of requests from one client: the rate limits are not what is tested here.
        settings["CxInbox:RateLimits:Webhooks:PermitLimit"] = "1000000";
        var published = new PublishedByRequest();
        var logs = new CapturedLogs();
        var factory = new CxInboxHostFactory(settings).WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.AddProvider(logs));
            b.ConfigureTestServices(published.Install);
        });
        _ = factory.Server;
        return new HostileHost(services, factory, published, logs);
    }

    /// <summary>Checks the property on <see cref="InputsPerTarget"/> generated requests and reports how many were
    /// tried; returns how many were accepted.</summary>
    /// <param name="client">Who sends them; by default an anonymous client.</param>
    public int Check(string target, Gen<HostileRequest> requests, HttpClient? client = null)
    {
        var tried = 0;
        var accepted = 0;
        var property = Prop.ForAll(Arb.From(requests), input =>
        {
            var number = Interlocked.Increment(ref tried);
            var violation = HostileAnswer.ViolationAsync(input, client ?? Client, Published, $"{target}#{number}", a => accepted += a ? 1 : 0)
                .GetAwaiter().GetResult();
            if (violation is not null && violation.StartsWith("answered 5", StringComparison.Ordinal))
            {
                // The cause is in the Host's log, not in the answer.
                violation += "\nlogged: " + string.Join("\n", logs.Errors(1));
            }

            return (violation is null).Label(violation ?? "ok");
        });

        try
        {
            FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(InputsPerTarget).WithQuietOnSuccess(true), property);
        }
        finally
        {
            var line = $"hostile input: {target}: {tried} inputs tried, {accepted} accepted, {tried - accepted} refused";
            TestContext.Out.WriteLine(line);
            TestContext.Progress.WriteLine(line);
        }

        return accepted;
    }

    /// <summary>Waits until every customer message published so far is stored; returns those still missing after two
    /// minutes (the test asserts on the list, so that it names them).</summary>
    public async Task<IReadOnlyList<string>> PublishedButNotStoredAsync()
    {
        var published = Published.MessageIds.Distinct(StringComparer.Ordinal).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        List<string> missing;
        while ((missing = published.Except(await StoredInboundIdsAsync(), StringComparer.Ordinal).ToList()).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return missing;
    }

    public Task<long> ScalarAsync(string sql) => services.ScalarAsync(sql);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await factory.DisposeAsync();
        await services.DisposeAsync();
    }

    private async Task<HashSet<string>> StoredInboundIdsAsync()
    {
        await using var connection = await services.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("SELECT provider_message_id FROM messages WHERE direction = 'inbound'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
