using CxInbox.Channels.Inbound;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace CxInbox.Channels.Email.Inbound;

/// <summary>One reading loop per configured mailbox, each on its own IMAP connection (an ImapClient runs one command
/// at a time). A failed connection is retried with a growing pause; the checkpoint makes a reconnect safe.</summary>
public sealed class EmailPollingService(
    IOptions<EmailOptions> options,
    IInboundPublisher publisher,
    IMailboxCheckpoints checkpoints,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger logger = loggers.CreateLogger<EmailPollingService>();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var resilience = MailResilience.Create(settings.Resilience, clock);
        return Task.WhenAll(settings.Mailboxes.Select(m =>
            ReadForeverAsync(new MailboxReader(m, settings, publisher, checkpoints, resilience, clock, loggers.CreateLogger<MailboxReader>()), m, stoppingToken)));
    }

    private async Task ReadForeverAsync(MailboxReader reader, MailboxOptions mailbox, CancellationToken ct)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await reader.RunConnectedAsync(() => pause = TimeSpan.FromSeconds(1), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The exception text names the server and the IMAP answer, never the password.
                logger.LogWarning(e, "Reading mailbox {Mailbox} on {Host} failed; trying again in {Pause}", mailbox.Address, mailbox.Host, pause);
                try
                {
                    await Task.Delay(pause, clock, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromMinutes(5).Ticks));
            }
        }
    }
}
