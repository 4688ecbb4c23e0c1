using CxInbox.Api;
using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.Routing.Assignment;
using Microsoft.Extensions.Options;

namespace CxInbox.Host.Seeding;

/// <summary>On a first run with an empty store, creates a few online agents so a newcomer's first SMS has
/// someone to go to. Runs after the migrations (registered after them).</summary>
internal sealed class DemoAgentSeeder(AgentStore agents, Database database, IOptions<CxInboxOptions> options, TimeProvider clock,
    ILogger<DemoAgentSeeder> logger) : IHostedService
{
    private static readonly NewAgent[] DemoAgents =
    [
        new("Ayu Lestari", ["id", "en"], 5, AgentPresence.Online) { Teams = ["service"] },
        new("Budi Santoso", ["id"], 5, AgentPresence.Online) { Teams = ["sales"] },
        new("Chloe Martin", ["en"], 5, AgentPresence.Online) { Teams = ["service", "sales"] },
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value.SeedDemoAgents ?? database.Dialect == Dialect.Sqlite;
        if (!seed || await agents.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        foreach (var agent in DemoAgents)
        {
            await agents.CreateAsync(agent, clock.GetUtcNow(), cancellationToken);
        }

        logger.LogInformation("Created {Count} demo agents in the empty store", DemoAgents.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
