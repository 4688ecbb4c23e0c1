using System.Collections.Concurrent;
using System.Net;
using CxInbox.Channels.Testing;
using CxInbox.Contracts;
using CxInbox.Data.Conversations;
using CxInbox.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Faults;

/// <summary>
/// The states a stopped process leaves a reply in, made directly in the store: stored but never published (the API
/// stopped between the two), and sending with no outcome (the worker stopped mid-send); and two copies of one
/// command at once (a republish while the first copy still waited in the queue). Each ends accepted by the provider
/// exactly once, or failed with a reason, and never both.
/// </summary>
[Parallelizable(ParallelScope.Self)]
public sealed class StalledReplyTests
{
    private static readonly TimeSpan SendLease = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, int> acceptedByText = new();
    private ScriptedProvider twilio = null!;
    private HostUnderTest host = null!;

    [OneTimeSetUp]
    public async Task StartHostAndTwilio()
    {
        twilio = await ScriptedProvider.StartAsync(Accept);
        host = await HostUnderTest.StartAsync(Engines.RealServices, "stalledreply", new Dictionary<string, string?>
        {
            ["Channels:Twilio:ApiBaseUrl"] = twilio.BaseAddress.ToString(),
            ["CxInbox:Replies:RepublishAfter"] = "00:00:02",
            ["CxInbox:Replies:SendLease"] = SendLease.ToString(),
            ["CxInbox:Replies:CheckInterval"] = "00:00:00.500",
        });
        await host.CreateOnlineAgentAsync(capacity: 100);
    }

    [OneTimeTearDown]
    public async Task StopHostAndTwilio()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (twilio is not null)
        {
            await twilio.DisposeAsync();
        }
    }

    [Test]
    public async Task A_reply_stored_but_never_published_is_sent_once()
    {
        var (replyId, text, _) = await StoreReplyAsync();

        var status = await Eventually.Until(() => StatusAsync(replyId), s => s.Status is not ("pending" or "sending"), "the reply settled");

        Assert.That(status.Status, Is.EqualTo("queued"));
        Assert.That(acceptedByText.GetValueOrDefault(text), Is.EqualTo(1), "accepted by the provider once");
    }

    [Test]
    public async Task Two_copies_of_one_command_at_once_send_the_reply_once_and_do_not_fail_it()
    {
        var (replyId, text, command) = await StoreReplyAsync(slowProvider: true);
        var bus = host.Factory.Services.GetRequiredService<IBus>();
        // Before copies were told apart, the second reported the reply failed on the bus while the first delivered it.
        var failures = new ConcurrentQueue<ReplyFailed>();
        var listener = bus.ConnectReceiveEndpoint($"reply-failed-listener-{Guid.NewGuid():N}", e => e.Handler<ReplyFailed>(c =>
        {
            failures.Enqueue(c.Message);
            return Task.CompletedTask;
        }));
        await listener.Ready;

        await Task.WhenAll(bus.Publish(command), bus.Publish(command));
        var status = await Eventually.Until(() => StatusAsync(replyId), s => s.Status is not ("pending" or "sending"), "the reply settled");
        await Task.Delay(TimeSpan.FromSeconds(3)); // the second copy finishes after the first; give its outcome time to arrive
        await listener.StopAsync();

        Assert.That(status.Status, Is.EqualTo("queued"), status.Error);
        Assert.That(acceptedByText.GetValueOrDefault(text), Is.EqualTo(1), "accepted by the provider once");
        Assert.That(failures.Where(f => f.ReplyId == replyId), Is.Empty, "no copy reported the reply failed");
    }

    [Test]
    public async Task A_reply_left_sending_past_its_lease_is_failed_as_interrupted_and_not_sent()
    {
        var (replyId, text, _) = await StoreReplyAsync();
        await using (var connection = await host.Services!.OpenDatabaseAsync())
        await using (var cutOff = new Npgsql.NpgsqlCommand("""
            UPDATE messages SET delivery_status = 'sending', delivery_rank = 1, delivery_updated_at = now() - @ago WHERE reply_id = @replyId
            """, connection))
        {
            cutOff.Parameters.AddWithValue("ago", SendLease * 2);
            cutOff.Parameters.AddWithValue("replyId", replyId);
            Assert.That(await cutOff.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var status = await Eventually.Until(() => StatusAsync(replyId), s => s.Status is not "sending", "the reply no longer sending");

        Assert.That((status.Status, status.Code), Is.EqualTo(("failed", "interrupted")));
        Assert.That(status.Error, Does.Contain("may or may not have received it"));
        Assert.That(acceptedByText.GetValueOrDefault(text), Is.Zero, "the sweeper does not send it");
    }

    /// <summary>A conversation with a customer, and a reply stored as the API stores it, without its command.</summary>
    private async Task<(Guid ReplyId, string Text, SendReply Command)> StoreReplyAsync(bool slowProvider = false)
    {
        var customer = TwilioWebhooks.NewCustomerNumber();
        using var sms = await host.Anonymous.SendAsync(TwilioWebhooks.Signed(TwilioWebhooks.Sms(customer, "Paket saya belum sampai")));
        Assert.That(sms.IsSuccessStatusCode, Is.True);
        var conversation = (await host.AssignedConversationAsync(customer))!;

        var replies = host.Factory.Services.GetRequiredService<ReplyStore>();
        var thread = (await replies.FindThreadAsync(conversation.Id, CancellationToken.None))!;
        var replyId = Guid.CreateVersion7();
        var text = $"{(slowProvider ? SlowPrefix : "")}Kami cek sekarang ({replyId:N})";
        var now = DateTimeOffset.UtcNow;
        await replies.AddAsync(thread, replyId, text, now, CancellationToken.None);
        return (replyId, text, thread.ToCommand(replyId, text, now));
    }

    private const string SlowPrefix = "[slow] ";

    private ProviderAnswer Accept(ProviderRequest request, int call)
    {
        if (request.Method != "POST")
        {
            return new ProviderAnswer(HttpStatusCode.OK, """{"messages": [], "next_page_uri": null}""");
        }

        var text = request.Form()["Body"];
        acceptedByText.AddOrUpdate(text, 1, (_, n) => n + 1);
        // Slow enough that the second copy of the command arrives while the first is sending.
        return new ProviderAnswer(HttpStatusCode.Created, $$"""{"sid": "SM{{call:D32}}", "status": "queued"}""")
        {
            Delay = text.StartsWith(SlowPrefix, StringComparison.Ordinal) ? TimeSpan.FromSeconds(2) : TimeSpan.Zero,
        };
    }

    private async Task<(string Status, string? Code, string? Error)> StatusAsync(Guid replyId)
    {
        await using var connection = await host.Services!.OpenDatabaseAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT delivery_status, delivery_error_code, delivery_error FROM messages WHERE reply_id = @replyId", connection);
        command.Parameters.AddWithValue("replyId", replyId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.That(await reader.ReadAsync(), Is.True, "the reply is stored");
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }
}
