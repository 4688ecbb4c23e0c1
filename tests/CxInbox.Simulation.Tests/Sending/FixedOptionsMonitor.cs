using Microsoft.Extensions.Options;

namespace CxInbox.Simulation.Tests.Sending;

/// <summary>Options that never change, for constructing adapters without a host.</summary>
internal sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
