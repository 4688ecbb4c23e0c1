using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>
/// A database and a RabbitMQ virtual host of their own for one test fixture, so fixtures run in parallel without
/// seeing each other's messages or rows, and are dropped afterwards.
/// </summary>
internal sealed class RealServices : IAsyncDisposable
{
    private readonly string databaseName;
    private readonly string virtualHost;
    private readonly HttpClient management;

    private RealServices(string databaseName, string virtualHost, HttpClient management)
    {
        this.databaseName = databaseName;
        this.virtualHost = virtualHost;
        this.management = management;
    }

    public string PostgresConnectionString => new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresAdmin)
    {
        Database = databaseName,
        // Each Host in a test opens its own pool; keep them small on a 2-core machine.
        MaxPoolSize = 20,
    }.ConnectionString;

    public string RabbitMqUri => new UriBuilder(TestEnvironment.RabbitMq) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri.ToString();

    public static async Task<RealServices> CreateAsync(string fixtureName)
    {
        var suffix = $"{fixtureName.ToLowerInvariant()}_{Guid.NewGuid():N}"[..(fixtureName.Length + 13)];
        var database = $"cxinbox_it_{suffix}";
        var vhost = $"cxinbox-it-{suffix}";

        try
        {
            await using var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin);
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            TestEnvironment.ServiceMissing($"PostgreSQL ({Redacted(TestEnvironment.PostgresAdmin)})", e);
        }

        var management = ManagementClient();
        try
        {
            using var put = await management.PutAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}", null);
            put.EnsureSuccessStatusCode();
            var user = TestEnvironment.RabbitMq.UserInfo.Split(':')[0];
            using var permissions = await management.PutAsJsonAsync(
                $"api/permissions/{Uri.EscapeDataString(vhost)}/{Uri.EscapeDataString(user)}",
                new { configure = ".*", write = ".*", read = ".*" });
            permissions.EnsureSuccessStatusCode();
        }
        catch (HttpRequestException e)
        {
            management.Dispose();
            TestEnvironment.ServiceMissing($"RabbitMQ management API ({TestEnvironment.RabbitMqManagement})", e);
        }

        return new RealServices(database, vhost, management);
    }

    /// <summary>The prefetch count of each consumer on the fixture's virtual host, by queue name, as the broker's
    /// management API reports it.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ConsumerPrefetchAsync()
    {
        using var response = await management.GetAsync($"api/consumers/{Uri.EscapeDataString(virtualHost)}");
        response.EnsureSuccessStatusCode();
        var consumers = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return consumers.EnumerateArray().ToDictionary(c => c.GetProperty("queue").GetProperty("name").GetString()!,
            c => c.GetProperty("prefetch_count").GetInt32());
    }

    /// <summary>The queues on the fixture's virtual host, as the broker's management API lists them.</summary>
    public async Task<IReadOnlyList<BrokerQueue>> QueuesAsync()
    {
        using var response = await management.GetAsync($"api/queues/{Uri.EscapeDataString(virtualHost)}?columns=name,durable,exclusive");
        response.EnsureSuccessStatusCode();
        var queues = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return [.. queues.EnumerateArray().Select(q => new BrokerQueue(q.GetProperty("name").GetString()!, q.GetProperty("durable").GetBoolean(),
            q.GetProperty("exclusive").GetBoolean()))];
    }

    /// <summary>One number from the fixture's database, read with the test's own SQL.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Agents above capacity, or whose load figures are not the count and the summed weights of their open
    /// conversations.</summary>
    public Task<long> AgentsWithWrongLoadAsync() => ScalarAsync("""
        SELECT COUNT(*) FROM agents a
        WHERE a.open_conversations > a.capacity
           OR a.load_hundredths > a.capacity * 100
           OR a.open_conversations <> (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status <> 'resolved')
           OR a.load_hundredths <> (SELECT COALESCE(SUM(c.weight_hundredths), 0) FROM conversations c
                                    WHERE c.assignee_id = a.id AND c.status <> 'resolved')
        """);

    /// <summary>Open conversations that are neither with an online agent nor in the queue: lost.</summary>
    public Task<long> OrphanedConversationsAsync() => ScalarAsync("""
        SELECT COUNT(*) FROM conversations c LEFT JOIN agents a ON a.id = c.assignee_id
        WHERE c.status <> 'resolved'
          AND NOT ((c.assignee_id IS NOT NULL AND a.presence = 'online') OR (c.assignee_id IS NULL AND c.queued_at IS NOT NULL))
        """);

    /// <summary>How many times each customer message is stored, by provider message id.</summary>
    public async Task<Dictionary<string, long>> StoredInboundMessagesAsync()
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(
            "SELECT provider_message_id, COUNT(*) FROM messages WHERE direction = 'inbound' GROUP BY provider_message_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var stored = new Dictionary<string, long>();
        while (await reader.ReadAsync())
        {
            stored[reader.GetString(0)] = reader.GetInt64(1);
        }

        return stored;
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(TestEnvironment.PostgresAdmin))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", admin);
            // A session that cannot be ended this instant (autovacuum finishing) lets go a moment later.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (attempt < 5 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        }

        using (await management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(virtualHost)}"))
        {
        }

        management.Dispose();
    }

    private static HttpClient ManagementClient()
    {
        var userInfo = TestEnvironment.RabbitMq.UserInfo.Split(':', 2);
        var client = new HttpClient { BaseAddress = TestEnvironment.RabbitMqManagement, Timeout = TimeSpan.FromSeconds(10) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(userInfo[0])}:{Uri.UnescapeDataString(userInfo[1])}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}

internal sealed record BrokerQueue(string Name, bool Durable, bool Exclusive);
