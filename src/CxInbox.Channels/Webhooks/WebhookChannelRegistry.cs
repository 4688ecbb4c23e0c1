namespace CxInbox.Channels.Webhooks;

/// <summary>Finds the adapter for a webhook path; adapters register themselves, so adding one edits nothing here.</summary>
public sealed class WebhookChannelRegistry(IEnumerable<IWebhookChannel> channels)
{
    private readonly Dictionary<string, IWebhookChannel> byRoute =
        channels.ToDictionary(c => c.Route, StringComparer.OrdinalIgnoreCase);

    public IWebhookChannel? Find(string route) => byRoute.GetValueOrDefault(route.Trim('/'));

    public IEnumerable<string> Routes => byRoute.Keys;
}
