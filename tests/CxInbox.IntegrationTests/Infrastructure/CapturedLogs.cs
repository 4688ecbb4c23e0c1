using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>Every log entry a Host writes, at every level, with its scopes, message, state values and exception,
/// as text: what a log shipper would store.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    /// <summary>The last entries at Error or above that carry an exception, newest last.</summary>
    public IEnumerable<string> Errors(int count) => entries.Where(e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal)).TakeLast(count);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new System.Text.StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                // What a structured sink keeps besides the message: every named value.
                foreach (var (key, value) in values)
                {
                    text.Append(" | ").Append(key).Append('=').Append(value);
                }
            }

            owner.scopes.ForEachScope((scope, builder) => builder.Append(" | scope: ").Append(scope), text);
            if (exception is not null)
            {
                text.Append('\n').Append(exception);
            }

            owner.entries.Enqueue(text.ToString());
        }
    }
}
