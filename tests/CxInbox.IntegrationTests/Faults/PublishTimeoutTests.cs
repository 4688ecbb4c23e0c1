using System.Net;
using System.Net.Http.Json;
using CxInbox.Channels.Inbound;
using CxInbox.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// A publish to the bus that gives up (a timeout inside the client surfaces as an OperationCanceledException while
/// the provider is still waiting) is answered 503, so the provider sends the webhook again; never a 500. So is one
/// that has not ended by <c>CxInbox:WebhookPublishTimeout</c>.
/// </summary>
public sealed class PublishTimeoutTests
{
    [Test]
    public Task A_webhook_whose_publish_times_out_gets_503_problem_json_and_is_not_acknowledged() =>
        AssertRefusedAsync(new TimingOutPublisher(), publishTimeout: null);

    [Test]
    public Task A_webhook_whose_publish_never_ends_gets_503_once_its_deadline_passes() =>
        AssertRefusedAsync(new NeverEndingPublisher(), publishTimeout: "00:00:01");

    private static async Task AssertRefusedAsync(IInboundPublisher publisher, string? publishTimeout)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cxinbox-it-").FullName;
        var settings = CxInboxHostFactory.BaseSettings();
        settings["ConnectionStrings:Postgres"] = "";
        settings["ConnectionStrings:RabbitMq"] = "";
        settings["CxInbox:DataDirectory"] = dataDirectory;
        if (publishTimeout is not null)
        {
            settings["CxInbox:WebhookPublishTimeout"] = publishTimeout;
        }

        try
        {
            await using var factory = new CxInboxHostFactory(settings).WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            {
                services.Remove(services.Single(d => d.ServiceType == typeof(IInboundPublisher)));
                services.AddSingleton(publisher);
            }));
            using var client = factory.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(30);

            using var answer = await client.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(TwilioWebhooks.NewCustomerNumber(), "Paket saya belum sampai")));

            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            var problem = await answer.Content.ReadFromJsonAsync<ProblemDetails>();
            Assert.That(problem?.Detail, Does.Contain("retry later"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>A publish that hangs and does not listen to its token, as one on a channel lost mid-confirm might.</summary>
    private sealed class NeverEndingPublisher : IInboundPublisher
    {
        private readonly TaskCompletionSource never = new();

        public Task PublishAsync(InboundBatch batch, CancellationToken cancellationToken) => never.Task;
    }

    private sealed class TimingOutPublisher : IInboundPublisher
    {
        public Task PublishAsync(InboundBatch batch, CancellationToken cancellationToken) =>
            throw new TaskCanceledException("The broker's confirm did not come in time.");
    }
}
