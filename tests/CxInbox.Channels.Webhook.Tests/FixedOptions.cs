using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Webhook.Tests;

/// <summary>Options that never change, for building the adapter without a host.</summary>
internal sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
