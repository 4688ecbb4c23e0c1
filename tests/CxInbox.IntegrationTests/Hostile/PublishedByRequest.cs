using System.Collections.Concurrent;
using CxInbox.Channels.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.IntegrationTests.Hostile;

/// <summary>
/// Sits in front of the Host's real <see cref="IInboundPublisher"/> and notes, by the test's case header, what each
/// request put on the bus, then passes it on. A refused request must have published nothing; everything published
/// must end up stored.
/// </summary>
internal sealed class PublishedByRequest
{
    public const string CaseHeader = "X-Hostile-Case";

    private readonly ConcurrentDictionary<string, int> counts = new();
    private readonly ConcurrentBag<string> messageIds = [];

    public int For(string caseId) => counts.GetValueOrDefault(caseId);

    /// <summary>The provider message id of every customer message published, with repeats, as it is stored: the
    /// publisher turns NUL, which PostgreSQL's text cannot hold, into U+FFFD.</summary>
    public IReadOnlyCollection<string> MessageIds => messageIds;

    /// <summary>Replaces the Host's publisher with one that records and then delegates to it.</summary>
    public void Install(IServiceCollection services)
    {
        var real = services.Single(d => d.ServiceType == typeof(IInboundPublisher));
        services.Remove(real);
        services.AddHttpContextAccessor();
        services.AddSingleton<IInboundPublisher>(provider => new Recording(
            (IInboundPublisher)ActivatorUtilities.CreateInstance(provider, real.ImplementationType!), this,
            provider.GetRequiredService<IHttpContextAccessor>()));
    }

    private sealed class Recording(IInboundPublisher inner, PublishedByRequest record, IHttpContextAccessor http) : IInboundPublisher
    {
        public async Task PublishAsync(InboundBatch batch, CancellationToken cancellationToken)
        {
            var caseId = http.HttpContext?.Request.Headers[CaseHeader].ToString() ?? "";
            record.counts.AddOrUpdate(caseId, batch.Count, (_, n) => n + batch.Count);
            foreach (var message in batch.Messages)
            {
                record.messageIds.Add(message.ProviderMessageId.Replace('\0', '\uFFFD'));
            }

            await inner.PublishAsync(batch, cancellationToken);
        }
    }
}
