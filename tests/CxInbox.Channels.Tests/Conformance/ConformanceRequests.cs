using CxInbox.Channels.Webhooks;

namespace CxInbox.Channels.Tests.Conformance;

/// <summary>What the adapters' conformance fixtures share.</summary>
internal static class ConformanceRequests
{
    public static WebhookRequest Post(string url, string contentType, byte[] body) =>
        new("POST", url, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType }, body);

    public static WebhookRequest WithHeader(this WebhookRequest request, string name, string value) =>
        request with { Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { [name] = value } };

    /// <summary>A JSON body nested deeper than System.Text.Json's default limit of 64 levels.</summary>
    public static byte[] NestedDeeperThanJsonAllows(string prefix) =>
        System.Text.Encoding.UTF8.GetBytes(prefix + new string('[', 200) + new string(']', 200) + "}");
}
