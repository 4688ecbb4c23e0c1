using CxInbox.Api;
using CxInbox.Api.Auth;
using CxInbox.Data.Agents;
using CxInbox.Data.Storage;
using CxInbox.Data.Users;
using CxInbox.Routing.Assignment;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CxInbox.Host.Seeding;

/// <summary>On a first run with an empty store, creates a few online agents so a newcomer's first SMS has
/// someone to go to, and, when CxInbox:Auth:DemoUserPassword is set, a user for each of them and a supervisor of
/// both teams, so the inbox can be signed into. Runs after the migrations (registered after them).</summary>
internal sealed class DemoAgentSeeder(AgentStore agents, UserStore users, IPasswordHasher<UserRecord> hasher, Database database,
    IOptions<CxInboxOptions> options, IOptions<AuthOptions> auth, TimeProvider clock, ILogger<DemoAgentSeeder> logger) : IHostedService
{
    private static readonly (string Username, NewAgent Agent)[] DemoAgents =
    [
        ("ayu", new("Ayu Lestari", ["id", "en"], 5, AgentPresence.Online) { Teams = ["service"] }),
        ("budi", new("Budi Santoso", ["id"], 5, AgentPresence.Online) { Teams = ["sales"] }),
        ("chloe", new("Chloe Martin", ["en"], 5, AgentPresence.Online) { Teams = ["service", "sales"] }),
    ];

    private static readonly (string Username, string DisplayName, string[] Teams) DemoSupervisor = ("sari", "Sari Wijaya", ["sales", "service"]);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seed = options.Value.SeedDemoAgents ?? database.Dialect == Dialect.Sqlite;
        if (!seed)
        {
            return;
        }

        if (await agents.CountAsync(cancellationToken) == 0)
        {
            foreach (var (_, agent) in DemoAgents)
            {
                await agents.CreateAsync(agent, clock.GetUtcNow(), cancellationToken);
            }

            logger.LogInformation("Created {Count} demo agents in the empty store", DemoAgents.Length);
        }

        await SeedUsersAsync(cancellationToken);
    }

    private async Task SeedUsersAsync(CancellationToken cancellationToken)
    {
        var password = auth.Value.DemoUserPassword;
        if (password.Length == 0)
        {
            logger.LogInformation("No demo users: set CxInbox:Auth:DemoUserPassword to create them, or create users with POST /api/users");
            return;
        }

        if (await users.CountAsync(cancellationToken) > 0)
        {
            return;
        }

        var byName = (await agents.ListAsync(cancellationToken)).ToLookup(a => a.Name, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var (username, agent) in DemoAgents)
        {
            if (byName[agent.Name].FirstOrDefault() is { } row)
            {
                await users.CreateAsync(new NewUser(username, agent.Name, Hash(username, password), CxInboxRoles.Agent, row.Id, []), now, cancellationToken);
            }
        }

        await users.CreateAsync(new NewUser(DemoSupervisor.Username, DemoSupervisor.DisplayName, Hash(DemoSupervisor.Username, password),
            CxInboxRoles.Supervisor, null, DemoSupervisor.Teams), now, cancellationToken);
        logger.LogInformation("Created demo users {Usernames} with the password of CxInbox:Auth:DemoUserPassword",
            string.Join(", ", DemoAgents.Select(d => d.Username).Append(DemoSupervisor.Username)));
    }

    private string Hash(string username, string password) => hasher.HashPassword(new UserRecord { Username = username }, password);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
