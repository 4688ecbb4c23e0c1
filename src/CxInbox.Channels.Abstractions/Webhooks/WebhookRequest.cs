namespace CxInbox.Channels.Webhooks;

/// <summary>
/// A provider's HTTP request, as the adapter needs it to verify and parse: no ASP.NET types, so adapters are tested
/// straight from the providers' vectors and fixtures.
/// </summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="PublicUrl">The URL the provider called: <c>CxInbox:PublicBaseUrl</c> + the raw path and query.</param>
/// <param name="Headers">Request headers; names compare case-insensitively.</param>
/// <param name="Body">The raw body bytes, exactly as received.</param>
public sealed record WebhookRequest(
    string Method,
    string PublicUrl,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The media type of the body without parameters, lower case; null when absent.</summary>
    public string? MediaType => Header("Content-Type")?.Split(';', 2)[0].Trim().ToLowerInvariant();
}
