namespace CxInbox.Channels.Capabilities;

/// <summary>The capabilities every registered channel declared, by channel key. Known in every role of the Host.</summary>
public sealed class ChannelCapabilitiesCatalog
{
    private readonly Dictionary<string, ChannelCapabilities> byChannel = new(StringComparer.OrdinalIgnoreCase);

    public ChannelCapabilitiesCatalog(IEnumerable<ChannelCapabilities> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        foreach (var capabilities in declared)
        {
            if (!byChannel.TryAdd(capabilities.Channel, capabilities))
            {
                throw new InvalidOperationException($"Two channel adapters declare capabilities for the channel key '{capabilities.Channel}'; each key belongs to one adapter.");
            }
        }
    }

    /// <summary>What <paramref name="channel"/> allows, or null when no adapter of this build declares it.</summary>
    public ChannelCapabilities? Find(string channel) => byChannel.GetValueOrDefault(channel);
}
