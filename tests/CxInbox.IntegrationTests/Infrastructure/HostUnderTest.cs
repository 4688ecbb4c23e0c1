using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace CxInbox.IntegrationTests.Infrastructure;

public enum Engines
{
    /// <summary>The first-run defaults: in-memory bus, SQLite file.</summary>
    Embedded,

    /// <summary>RabbitMQ and PostgreSQL, as started by test.sh.</summary>
    RealServices,
}

/// <summary>One running Host (all roles) on the chosen engines, with a store of its own, and a way to look into
/// that store directly.</summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    private readonly RealServices? services;
    private readonly bool ownsServices;
    private readonly string? dataDirectory;
    private readonly IReadOnlyDictionary<string, string?> settings;
    private bool handedOver;

    private HostUnderTest(CxInboxHostFactory factory, RealServices? services, bool ownsServices, string? dataDirectory)
    {
        Factory = factory;
        settings = factory.Settings;
        this.services = services;
        this.ownsServices = ownsServices;
        this.dataDirectory = dataDirectory;
        Admin = factory.CreateAdminClient();
        Anonymous = factory.CreateClient();
    }

    public const string UserPassword = "correct horse battery staple";

    public CxInboxHostFactory Factory { get; }

    public HttpClient Admin { get; }

    public HttpClient Anonymous { get; }

    /// <summary>Where the Host answers: a loopback address with Kestrel, the test server's otherwise.</summary>
    public Uri BaseAddress => Anonymous.BaseAddress!;

    /// <summary>The broker of a Host on the real services; null on the embedded engines.</summary>
    public string? RabbitMqUri => services?.RabbitMqUri;

    /// <param name="onLoopbackPort">Kestrel on a real 127.0.0.1 port (see <see cref="BaseAddress"/>) instead of the
    /// in-memory test server, for clients outside the process such as a browser.</param>
    public static async Task<HostUnderTest> StartAsync(Engines engines, string fixtureName, IReadOnlyDictionary<string, string?>? extraSettings = null,
        bool onLoopbackPort = false)
    {
        var settings = CxInboxHostFactory.BaseSettings();
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        RealServices? services = null;
        string? dataDirectory = null;
        if (engines == Engines.RealServices)
        {
            services = await RealServices.CreateAsync(fixtureName);
            settings["ConnectionStrings:Postgres"] = services.PostgresConnectionString;
            settings["ConnectionStrings:RabbitMq"] = services.RabbitMqUri;
        }
        else
        {
            dataDirectory = Directory.CreateTempSubdirectory("cxinbox-it-").FullName;
            settings["ConnectionStrings:Postgres"] = "";
            settings["ConnectionStrings:RabbitMq"] = "";
            settings["CxInbox:DataDirectory"] = dataDirectory;
        }

        var factory = new CxInboxHostFactory(settings);
        if (onLoopbackPort)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // starts the Host: migrations, bus, endpoints
        }

        return new HostUnderTest(factory, services, ownsServices: true, dataDirectory);
    }

    /// <summary>A Host running only <paramref name="roles"/> on services shared with other Hosts, as in a
    /// deployment with one process per role.</summary>
    public static HostUnderTest StartRoles(RealServices services, string roles, bool onLoopbackPort = false)
    {
        var settings = CxInboxHostFactory.BaseSettings();
        settings["ConnectionStrings:Postgres"] = services.PostgresConnectionString;
        settings["ConnectionStrings:RabbitMq"] = services.RabbitMqUri;
        settings["CxInbox:Roles"] = roles;
        var factory = new CxInboxHostFactory(settings);
        if (onLoopbackPort)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }
        else
        {
            _ = factory.Server;
        }

        return new HostUnderTest(factory, services, ownsServices: false, dataDirectory: null);
    }

    /// <summary>The database and virtual host of a Host on the real services, for more Hosts on them; null on the
    /// embedded engines.</summary>
    public RealServices? Services => services;

    /// <summary>Stops this Host and starts a new one with the same settings on the same store and bus, as a
    /// redeploy does, running <paramref name="whileStopped"/> in between. The new one owns the store from then on;
    /// this one must not be used again.</summary>
    public async Task<HostUnderTest> RestartAsync(Func<Task>? whileStopped = null)
    {
        Admin.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
        handedOver = true;
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        var factory = new CxInboxHostFactory(settings);
        _ = factory.Server;
        return new HostUnderTest(factory, services, ownsServices, dataDirectory);
    }

    public async Task<AgentJson> CreateOnlineAgentAsync(int capacity = 50) => await CreateAgentAsync("online", capacity);

    public async Task<AgentJson> CreateAgentAsync(string status, int capacity)
    {
        using var response = await Admin.PostAsJsonAsync("/api/agents",
            new { name = $"Agent {Guid.NewGuid():N}"[..14], skills = new[] { "service" }, capacity, status });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AgentJson>())!;
    }

    /// <summary>A user made through POST /api/users with the bootstrap admin key, as the auth contract says tests do.</summary>
    public async Task<UserJson> CreateUserAsync(string role, Guid? agentId = null, string[]? teams = null, string password = UserPassword)
    {
        var username = $"{role}-{Guid.NewGuid():N}"[..20];
        using var response = await Admin.PostAsJsonAsync("/api/users",
            new { username, displayName = $"Test {role}", password, role, agentId, teams });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<UserJson>())!;
    }

    /// <summary>A client holding the session cookie of a POST /api/session.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password = UserPassword)
    {
        var client = Factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/session", new { username, password });
        Assert.That((int)response.StatusCode, Is.EqualTo(204), await response.Content.ReadAsStringAsync());
        return client;
    }

    /// <summary>An agent row, its user, and a client signed in as them.</summary>
    public async Task<(AgentJson Agent, UserJson User, HttpClient Client)> SignedInAgentAsync(string[]? teams = null, string status = "online")
    {
        using var response = await Admin.PostAsJsonAsync("/api/agents",
            new { name = $"Agent {Guid.NewGuid():N}"[..14], skills = new[] { "service" }, capacity = 50, status, teams });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var agent = (await response.Content.ReadFromJsonAsync<AgentJson>())!;
        var user = await CreateUserAsync("agent", agent.Id);
        return (agent, user, await SignInAsync(user.Username));
    }

    public async Task<ConversationJson?> FindConversationAsync(string customerAddress)
    {
        // Every page: the long form of the fault tests has more conversations than one page holds.
        const int pageSize = 200;
        for (var number = 1; ; number++)
        {
            var page = await Admin.GetFromJsonAsync<ConversationPageJson>($"/api/conversations?channel=sms&pageSize={pageSize}&page={number}");
            if (page!.Items.FirstOrDefault(c => c.Customer.Address == customerAddress) is { } summary)
            {
                return await Admin.GetFromJsonAsync<ConversationJson>($"/api/conversations/{summary.Id}");
            }

            if (page.Items.Length < pageSize)
            {
                return null;
            }
        }
    }

    /// <summary>Waits until the customer's conversation has an agent, and returns it with its messages.</summary>
    public Task<ConversationJson?> AssignedConversationAsync(string customerAddress, TimeSpan? timeout = null) =>
        Eventually.Until(() => FindConversationAsync(customerAddress), c => c?.Assignee is not null,
            $"an assigned conversation for {customerAddress}", timeout);

    /// <summary>How many messages the store holds with this provider id, read with SQL, not through the API.</summary>
    public async Task<long> StoredMessageCountAsync(string providerMessageId) =>
        await ScalarAsync<long>("SELECT COUNT(*) FROM messages WHERE provider_message_id = @p", providerMessageId);

    /// <summary>The conversation's assignee as the store has it, read with SQL.</summary>
    public async Task<Guid?> StoredAssigneeAsync(Guid conversationId)
    {
        var value = await ScalarAsync<object?>("SELECT assignee_id FROM conversations WHERE id = @p",
            services is null ? conversationId.ToString("D") : conversationId);
        return value switch { Guid g => g, string s => Guid.Parse(s), _ => null };
    }

    /// <summary>A connection of the test's own to the Host's PostgreSQL database (real services only).</summary>
    internal Task<Npgsql.NpgsqlConnection> OpenPostgresAsync() =>
        services?.OpenDatabaseAsync() ?? throw new InvalidOperationException("Only a Host on the real services has a PostgreSQL database.");

    internal async Task<T> ScalarAsync<T>(string sql, object parameter)
    {
        if (services is not null)
        {
            await using var connection = await services.OpenDatabaseAsync();
            await using var command = new Npgsql.NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("p", parameter);
            var result = await command.ExecuteScalarAsync();
            return (T)(result is DBNull ? null : result)!;
        }

        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(dataDirectory!, "cxinbox.db")}");
        await sqlite.OpenAsync();
        await using var query = sqlite.CreateCommand();
        query.CommandText = sql;
        query.Parameters.AddWithValue("@p", parameter);
        var value = await query.ExecuteScalarAsync();
        return (T)(value is DBNull ? null : value)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (handedOver)
        {
            return;
        }

        Admin.Dispose();
        Anonymous.Dispose();
        await Factory.DisposeAsync();
        if (services is not null && ownsServices)
        {
            await services.DisposeAsync();
        }

        if (dataDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
