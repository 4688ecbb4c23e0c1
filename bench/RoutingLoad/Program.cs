using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RoutingLoad;

// bench/RoutingLoad/run.sh --count puts this relay between the Host and PostgreSQL.
if (args is ["count-statements", var listen, var target, var countsFile])
{
    var (host, port) = (target.Split(':')[0], int.Parse(target.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
    await new StatementCounter(int.Parse(listen, System.Globalization.CultureInfo.InvariantCulture), host, port, countsFile).RunAsync(CancellationToken.None);
    return 0;
}

LoadOptions? options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + LoadOptions.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

await using var database = NpgsqlDataSource.Create(options.Postgres);
await using (var create = database.CreateCommand(BaselineConsumer.CreateTable))
{
    await create.ExecuteNonQueryAsync(stop.Token);
}

var services = new ServiceCollection();
services.AddSingleton(database);
services.AddSingleton<RouterCompletions>();
services.AddSingleton<BaselineCompletions>();
services.AddMassTransit(bus =>
{
    bus.AddConsumer<ConversationAssignedConsumer>();
    bus.AddConsumer<BaselineConsumer>();
    bus.UsingRabbitMq((context, cfg) =>
    {
        var userInfo = options.RabbitMq.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(options.RabbitMq.AbsolutePath.TrimStart('/'));
        cfg.Host(options.RabbitMq.Host, (ushort)(options.RabbitMq.IsDefaultPort ? 5672 : options.RabbitMq.Port), vhost.Length == 0 ? "/" : vhost, h =>
        {
            h.Username(Uri.UnescapeDataString(userInfo[0]));
            h.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "");
        });
        cfg.ReceiveEndpoint("cxinbox-bench-assigned", e =>
        {
            e.AutoDelete = true;
            e.ConfigureConsumer<ConversationAssignedConsumer>(context);
        });
        cfg.ReceiveEndpoint("cxinbox-bench-baseline", e =>
        {
            e.AutoDelete = true;
            e.ConfigureConsumer<BaselineConsumer>(context);
        });
    });
});
await using var provider = services.BuildServiceProvider();
var busControl = provider.GetRequiredService<IBusControl>();
await busControl.StartAsync(stop.Token);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminKey);
var runId = Random.Shared.Next(1_000, 10_000);
var reports = new List<StepReport>();
await using var watcher = options.Watch ? await LiveWatcher.ConnectAsync(options.Url, options.AdminKey, stop.Token) : null;
try
{
    if (options.Router)
    {
        await CreateAgentsAsync(http, database, options, runId, stop.Token);
    }

    // Warm-up, not reported: the first messages pay for connection pools and queue declarations, and for the first
    // tens of seconds the runtime recompiles hot code in the background (tiered JIT). With 20 messages of warm-up the
    // first step's p95 at 100 msg/s was ~0.9 s; the same step repeated a third time, 16.5 ms (p99 21.4 ms).
    const int WarmupRate = 100;
    if (options.Router)
    {
        await RouterStepAsync(WarmupRate, $"+1889{runId:D4}00", options.WarmupSeconds, stop.Token);
    }

    if (options.Baseline)
    {
        await BaselineStepAsync(WarmupRate, options.WarmupSeconds, stop.Token);
    }

    // The database is new. Once PostgreSQL settles on a generic plan for a prepared statement, it keeps it until the
    // table is next vacuumed or analysed, and autovacuum first visits a new database up to a minute after it is made
    // (autovacuum_naptime). A plan made on the warm-up's near-empty tables can then last through the measured steps
    // (docs/performance.md, *Plans made on empty tables*); the steps are meant to show a database that has been
    // running, whose tables have statistics.
    await using (var analyze = database.CreateCommand("ANALYZE"))
    {
        await analyze.ExecuteNonQueryAsync(stop.Token);
    }

    foreach (var (rate, step) in options.Rates.Select((r, i) => (r, i)))
    {
        if (options.Router)
        {
            reports.Add(await RouterStepAsync(rate, $"+1888{runId:D4}{step:D2}", options.Seconds, stop.Token));
            reports[^1].PrintJson();
            await Task.Delay(TimeSpan.FromSeconds(2), stop.Token);
        }

        if (options.Baseline)
        {
            reports.Add(await BaselineStepAsync(rate, options.Seconds, stop.Token));
            reports[^1].PrintJson();
            await Task.Delay(TimeSpan.FromSeconds(2), stop.Token);
        }
    }
}
finally
{
    await busControl.StopAsync(CancellationToken.None);
}

StepReport.PrintTable(reports);
if (watcher is not null)
{
    Console.WriteLine($"watched: a supervisor's live connection heard {watcher.Heard} events");
}

return reports.All(r => r.Errors == 0 && r.Completed == r.Offered) ? 0 : 1;

async Task<StepReport> RouterStepAsync(int rate, string numberPrefix, int seconds, CancellationToken ct)
{
    var completions = provider.GetRequiredService<RouterCompletions>();
    var loadBefore = StepReport.LoadAverage();
    var countedBefore = options.CountsFile is { } before ? StatementCounter.Read(before) : default;
    int accepted = 0, errors = 0;
    string? firstError = null;
    var answeredAt = new long[rate * seconds];
    var offer = await OpenLoop.RunAsync(rate, seconds, async i =>
    {
        try
        {
            using var request = SignedSms.Create(options.PublicUrl, options.Token, options.Account, $"{numberPrefix}{i:D5}", Texts.Pick(i));
            using var response = await http.SendAsync(request, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                answeredAt[i] = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref accepted);
                return;
            }

            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null);
        }
        catch (HttpRequestException e)
        {
            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, e.Message, null);
        }
    }, ct);

    // Map the customers' numbers to their conversations, then wait for their assignments.
    var conversations = new Guid[offer.DueTimestamps.Length];
    var deadline = Stopwatch.GetTimestamp() + options.DrainSeconds * Stopwatch.Frequency;
    while (Stopwatch.GetTimestamp() < deadline)
    {
        await using (var query = database.CreateCommand("SELECT customer_address, id FROM conversations WHERE customer_address LIKE $1"))
        {
            query.Parameters.Add(new NpgsqlParameter { Value = numberPrefix + "%" });
            await using var reader = await query.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                conversations[int.Parse(reader.GetString(0)[numberPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture)] = reader.GetGuid(1);
            }
        }

        if (conversations.All(c => c != Guid.Empty && completions.At(c) != 0) || conversations.Count(c => c != Guid.Empty) + errors >= conversations.Length
            && conversations.Where(c => c != Guid.Empty).All(c => completions.At(c) != 0))
        {
            break;
        }

        await Task.Delay(200, ct);
    }

    var completedAt = conversations.Select(c => c == Guid.Empty ? 0 : completions.At(c)).ToArray();
    var sentAt = conversations.Select(c => c == Guid.Empty ? 0 : completions.SentAt(c)).ToArray();
    var report = StepReport.From("router", rate, seconds, offer, accepted, errors, completedAt, loadBefore, firstError)
        with { Stages = Stages.Of(offer.DueTimestamps, answeredAt, sentAt, completedAt) };
    if (options.CountsFile is { } after)
    {
        await Task.Delay(300, ct); // the counter writes its file every 100 ms
        var counted = StatementCounter.Read(after);
        report = report with
        {
            StatementsPerMessage = Math.Round((double)(counted.Statements - countedBefore.Statements) / report.Offered, 2),
            RoundTripsPerMessage = Math.Round((double)(counted.RoundTrips - countedBefore.RoundTrips) / report.Offered, 2),
        };
    }

    return report;
}

async Task<StepReport> BaselineStepAsync(int rate, int seconds, CancellationToken ct)
{
    var completions = provider.GetRequiredService<BaselineCompletions>();
    var loadBefore = StepReport.LoadAverage();
    var ids = Enumerable.Range(0, rate * seconds).Select(_ => Guid.CreateVersion7()).ToArray();
    var answeredAt = new long[ids.Length];
    int accepted = 0, errors = 0;
    string? firstError = null;
    var offer = await OpenLoop.RunAsync(rate, seconds, async i =>
    {
        try
        {
            // Publish waits for the broker's confirm, as the webhook's answer does.
            await busControl.Publish(new BaselineMessage { Id = ids[i], CustomerAddress = $"+1777{runId:D4}{i:D6}", Text = Texts.Pick(i), ReceivedAt = DateTimeOffset.UtcNow }, ct);
            answeredAt[i] = Stopwatch.GetTimestamp();
            Interlocked.Increment(ref accepted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, e.Message, null);
        }
    }, ct);

    var deadline = Stopwatch.GetTimestamp() + options.DrainSeconds * Stopwatch.Frequency;
    while (Stopwatch.GetTimestamp() < deadline && ids.Any(id => completions.At(id) == 0))
    {
        await Task.Delay(100, ct);
    }

    long[] completedAt = [.. ids.Select(completions.At)];
    return StepReport.From("baseline", rate, seconds, offer, accepted, errors, completedAt, loadBefore, firstError)
        with { Stages = Stages.Of(offer.DueTimestamps, answeredAt, sentAt: null, completedAt) };
}

// Enough agents that none is ever full: capacity is raised in SQL past the API's limit of 100, so the router's work
// per message is the same at every rate.
static async Task CreateAgentsAsync(HttpClient http, NpgsqlDataSource database, LoadOptions options, int runId, CancellationToken ct)
{
    var ids = new List<Guid>();
    for (var i = 0; i < options.Agents; i++)
    {
        using var response = await http.PostAsJsonAsync("/api/agents",
            new { name = $"Load {runId}-{i}", skills = Array.Empty<string>(), capacity = 100, status = "online" }, ct);
        response.EnsureSuccessStatusCode();
        ids.Add((await response.Content.ReadFromJsonAsync<AgentId>(ct))!.Id);
    }

    await using var raise = database.CreateCommand("UPDATE agents SET capacity = 1000000 WHERE id = ANY($1)");
    raise.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
    await raise.ExecuteNonQueryAsync(ct);
}

internal sealed record AgentId(Guid Id);

internal static class Texts
{
    private static readonly string[] All =
    [
        "Hello, what time does the shop open on Saturday?",
        "Halo kak, pesanan saya belum sampai, tolong dicek ya",
        "Hi, I'd like to know if you have this jacket in size M",
        "Selamat siang, apakah bisa bayar pakai transfer bank?",
    ];

    public static string Pick(int i) => All[i % All.Length];
}
