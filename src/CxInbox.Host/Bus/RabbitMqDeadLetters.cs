using System.Text;
using CxInbox.Api.Admin;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace CxInbox.Host.Bus;

/// <summary>
/// The <c>_error</c> queues MassTransit keeps next to each of CxInbox's input queues, read and replayed with the
/// broker's own client. Listing takes messages without acknowledging them and hands them back, so they stay where
/// they were; a replay publishes each message to its input queue with a broker confirm before removing it from the
/// error queue, so a crash in between leaves a copy in both places rather than in none.
/// </summary>
internal sealed class RabbitMqDeadLetters(BusConfiguration.AmqpAddress address, IReadOnlyList<string> inputQueues) : IDeadLetters
{
    private const string ErrorSuffix = "_error";

    public bool Available => true;

    public async Task<IReadOnlyList<ErrorQueueContents>> ListAsync(int peek, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        var queues = new List<ErrorQueueContents>();
        foreach (var input in inputQueues)
        {
            var error = input + ErrorSuffix;
            // A passive declare of a missing queue closes the channel: one channel per queue.
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            if (await CountAsync(channel, error, cancellationToken) is not { } count)
            {
                continue;
            }

            var messages = new List<DeadLetter>();
            ulong lastTag = 0;
            while (messages.Count < Math.Min(peek, count) && await channel.BasicGetAsync(error, autoAck: false, cancellationToken) is { } got)
            {
                messages.Add(Describe(got));
                lastTag = got.DeliveryTag;
            }

            if (lastTag > 0)
            {
                await channel.BasicNackAsync(lastTag, multiple: true, requeue: true, cancellationToken);
            }

            queues.Add(new ErrorQueueContents(error, input, count, messages));
        }

        return queues;
    }

    public async Task<int?> ReplayAsync(string errorQueue, CancellationToken cancellationToken)
    {
        var input = inputQueues.FirstOrDefault(q => q + ErrorSuffix == errorQueue);
        if (input is null)
        {
            return null;
        }

        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        if (await CountAsync(channel, errorQueue, cancellationToken) is not { } count)
        {
            return null;
        }

        // Only what was there when the replay began: a message that fails again comes back, and must not loop.
        var replayed = 0;
        while (replayed < count && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } got)
        {
            await channel.BasicPublishAsync("", input, mandatory: true, new BasicProperties(got.BasicProperties), got.Body, cancellationToken);
            await channel.BasicAckAsync(got.DeliveryTag, multiple: false, cancellationToken);
            replayed++;
        }

        return replayed;
    }

    private static async Task<uint?> CountAsync(IChannel channel, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null; // never created: nothing has failed there yet
        }
    }

    private static DeadLetter Describe(BasicGetResult got)
    {
        var headers = got.BasicProperties.Headers ?? new Dictionary<string, object?>();
        return new DeadLetter(
            got.BasicProperties.MessageId ?? Header(headers, "MessageId"),
            Header(headers, "MT-MessageType") ?? Header(headers, "Content-Type") ?? got.BasicProperties.Type,
            Header(headers, "MT-Fault-ExceptionType"),
            Header(headers, "MT-Fault-Message"),
            Header(headers, "MT-Fault-Timestamp"));
    }

    private static string? Header(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            null => null,
            _ => value.ToString(),
        } : null;

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = address.Host,
            Port = address.Port,
            VirtualHost = address.VirtualHost,
            UserName = address.Username,
            Password = address.Password,
            ClientProvidedName = "cxinbox-dead-letters",
        };
        if (address.UseTls)
        {
            factory.Ssl = new SslOption(address.Host) { Enabled = true };
        }

        return factory.CreateConnectionAsync(cancellationToken);
    }
}

/// <summary>The embedded in-memory bus: its error queues live and die with the process.</summary>
internal sealed class NoDeadLetters : IDeadLetters
{
    public bool Available => false;

    public Task<IReadOnlyList<ErrorQueueContents>> ListAsync(int peek, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ErrorQueueContents>>([]);

    public Task<int?> ReplayAsync(string errorQueue, CancellationToken cancellationToken) => Task.FromResult<int?>(null);
}
