using Microsoft.Extensions.Options;

namespace CxInbox.Channels.Tests.FakeProviders;

/// <summary>Options that never change, for constructing adapters without a host.</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
