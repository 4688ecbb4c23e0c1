using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CxInbox.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace CxInbox.IntegrationTests.Admin;

/// <summary>A message the router cannot read lands in the error queue; an administrator sees it with the reason
/// and replays it through the API.</summary>
[Parallelizable(ParallelScope.Self)]
public sealed class DeadLetterTests
{
    private const string ErrorQueue = "cxinbox-interaction-received_error";

    [Test]
    public async Task A_poison_message_is_listed_with_its_reason_stays_put_when_listed_and_goes_through_the_router_again_when_replayed()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.RealServices, "deadletters");
        var messageId = Guid.NewGuid();
        await PublishUnreadableInteractionAsync(host, messageId);

        var first = await Eventually.Until(() => ErrorQueueAsync(host), q => q?.Count == 1, "the poison message in the error queue");
        var listedAgain = await ErrorQueueAsync(host);
        using var replay = await host.Admin.PostAsync($"/api/admin/dead-letters/{ErrorQueue}/replay", null);
        var replayed = await replay.Content.ReadFromJsonAsync<ReplayJson>();
        var failedAgain = await Eventually.Until(() => ErrorQueueAsync(host),
            q => q?.Count == 1 && q.Messages[0].FaultedAt != first!.Messages[0].FaultedAt, "the replayed message failing again");
        using var unknown = await host.Admin.PostAsync("/api/admin/dead-letters/some-other-queue_error/replay", null);

        var letter = first!.Messages.Single();
        Assert.That(letter.MessageId, Is.EqualTo(messageId.ToString()));
        Assert.That(letter.ExceptionType, Is.Not.Null.And.Not.Empty);
        Assert.That(letter.Reason, Is.Not.Null.And.Not.Empty);
        Assert.That(first.InputQueue, Is.EqualTo("cxinbox-interaction-received"));
        Assert.That(listedAgain!.Count, Is.EqualTo(1), "listing leaves the message where it was");
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(replayed!.Replayed, Is.EqualTo(1));
        Assert.That(failedAgain!.Messages.Single().MessageId, Is.EqualTo(messageId.ToString()));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_embedded_bus_says_it_keeps_no_error_queues()
    {
        await using var host = await HostUnderTest.StartAsync(Engines.Embedded, "deadletters");

        using var response = await host.Admin.GetAsync("/api/admin/dead-letters");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await response.Content.ReadFromJsonAsync<ProblemJson>())!.Detail, Does.Contain("RabbitMQ"));
    }

    // A MassTransit envelope whose message cannot be read: receivedAt is not a time.
    private static async Task PublishUnreadableInteractionAsync(HostUnderTest host, Guid messageId)
    {
        var factory = new ConnectionFactory { Uri = new Uri(host.RabbitMqUri!) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(true, true));
        var body = JsonSerializer.Serialize(new
        {
            messageId,
            messageType = new[] { "urn:message:CxInbox.Contracts:InteractionReceived" },
            message = new
            {
                interactionId = Guid.NewGuid(),
                channel = "sms",
                channelAccount = "+15555550100",
                providerMessageId = $"SMpoison{messageId:N}",
                customerAddress = "+15555550123",
                text = "Halo",
                receivedAt = "not a time",
            },
        });
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true };
        await channel.BasicPublishAsync("CxInbox.Contracts:InteractionReceived", "", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    private static async Task<ErrorQueueJson?> ErrorQueueAsync(HostUnderTest host) =>
        (await host.Admin.GetFromJsonAsync<ErrorQueueJson[]>("/api/admin/dead-letters"))!.FirstOrDefault(q => q.Queue == ErrorQueue);

    private sealed record DeadLetterJson(string? MessageId, string? MessageType, string? ExceptionType, string? Reason, string? FaultedAt);

    private sealed record ErrorQueueJson(string Queue, string InputQueue, long Count, DeadLetterJson[] Messages);

    private sealed record ReplayJson(string Queue, int Replayed);
}
