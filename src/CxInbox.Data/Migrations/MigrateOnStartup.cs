using Microsoft.Extensions.Hosting;

namespace CxInbox.Data.Migrations;

/// <summary>Brings the schema up to date before anything else starts; registered ahead of the bus for that reason.</summary>
internal sealed class MigrateOnStartup(MigrationRunner runner) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runner.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
