namespace CxInbox.Channels.Outbound;

/// <summary>Finds the sender for a conversation's channel; adapters register themselves.</summary>
public sealed class ReplySenderRegistry(IEnumerable<IReplySender> senders)
{
    private readonly Dictionary<string, IReplySender> byChannel = senders.ToDictionary(s => s.Channel, StringComparer.OrdinalIgnoreCase);

    public IReplySender? Find(string channel) => byChannel.GetValueOrDefault(channel);
}
