using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CxInbox.IntegrationTests.Startup;

/// <summary>A Host's first start on an empty PostgreSQL database writes no error: the store's migrations run before
/// anything reads a table (the cookie keys once were read before their table existed).</summary>
public sealed class FirstStartTests
{
    [Test]
    public async Task A_first_start_on_an_empty_database_logs_no_error()
    {
        var logs = new CapturedLogs();
        await using var services = await RealServices.CreateAsync("first-start");
        var settings = CxInboxHostFactory.BaseSettings();
        settings["ConnectionStrings:Postgres"] = services.PostgresConnectionString;
        settings["ConnectionStrings:RabbitMq"] = services.RabbitMqUri;
        await using var factory = new CxInboxHostFactory(settings).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = factory.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.That(ready.IsSuccessStatusCode, Is.True, "the Host is ready");
        Assert.That(logs.Errors(5), Is.Empty);
    }
}
