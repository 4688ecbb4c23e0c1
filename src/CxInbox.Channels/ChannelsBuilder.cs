using CxInbox.Channels.Capabilities;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Channels;

/// <summary>
/// Where channel adapters register, each with one line in the Host (<c>channels.AddAcmeChannel(configuration)</c>).
/// Every role learns each channel's <see cref="ChannelCapabilities"/>, because the api role checks replies against
/// them; only a process that runs the channel workers (the ingress role) gets the adapters themselves, whose options
/// and secrets ValidateOnStart requires.
/// </summary>
public sealed class ChannelsBuilder
{
    private readonly IServiceCollection services;

    /// <summary>The Host's comes from <c>AddCxInboxChannels</c>; an adapter's own tests may make one over their
    /// service collection to check its registration.</summary>
    public ChannelsBuilder(IServiceCollection services, bool runsAdapters)
    {
        this.services = services;
        RunsAdapters = runsAdapters;
    }

    /// <summary>Whether this process runs the adapters (webhooks, senders, pollers), or only knows their capabilities.</summary>
    public bool RunsAdapters { get; }

    /// <summary>Declares the channel's <paramref name="capabilities"/> (one per channel key the adapter serves) and,
    /// in a process that runs adapters, registers the adapter with <paramref name="addAdapter"/>.</summary>
    public ChannelsBuilder Add(IEnumerable<ChannelCapabilities> capabilities, Action<IServiceCollection> addAdapter)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(addAdapter);
        foreach (var declared in capabilities)
        {
            services.AddSingleton(declared);
        }

        if (RunsAdapters)
        {
            addAdapter(services);
        }

        return this;
    }
}
