using System.Text.Json;

using CxInbox.Channels.Testing;

namespace CxInbox.Channels.Tests.FakeProviders;

/// <summary>
/// Twilio's own OpenAPI document (tests/TestData/providers/openapi/twilio_api_v2010.json) as the judge of our
/// requests: a fake Twilio built on it refuses any form field or query parameter the real API does not define, and
/// any required field we leave out, the way the real API would answer 400.
/// </summary>
public static class TwilioOpenApi
{
    private const string MessagesPath = "/2010-04-01/Accounts/{AccountSid}/Messages.json";

    private static readonly Lazy<(HashSet<string> CreateFields, HashSet<string> CreateRequired, HashSet<string> ListParameters)> Spec = new(Load);

    public static IReadOnlySet<string> CreateMessageFields => Spec.Value.CreateFields;

    /// <summary>Null when the request is one the Messages resource accepts; otherwise why not.</summary>
    public static string? Violation(ProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!System.Text.RegularExpressions.Regex.IsMatch(request.Path, "^/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages\\.json$"))
        {
            return $"no such path in Twilio's API: {request.Path}";
        }

        if (request.Method == "POST")
        {
            var form = request.Form();
            var unknown = form.Keys.Where(k => !Spec.Value.CreateFields.Contains(k)).ToList();
            var missing = Spec.Value.CreateRequired.Where(k => !form.ContainsKey(k)).ToList();
            return unknown.Count > 0 ? $"unknown field(s) {string.Join(", ", unknown)}"
                : missing.Count > 0 ? $"missing required field(s) {string.Join(", ", missing)}"
                : null;
        }

        var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query).Keys;
        var unknownParameters = parameters.Where(p => !Spec.Value.ListParameters.Contains(p)).ToList();
        return unknownParameters.Count > 0 ? $"unknown query parameter(s) {string.Join(", ", unknownParameters)}" : null;
    }

    private static (HashSet<string>, HashSet<string>, HashSet<string>) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TestContext.CurrentContext.TestDirectory, "providers", "openapi", "twilio_api_v2010.json")));
        var messages = document.RootElement.GetProperty("paths").GetProperty(MessagesPath);
        var schema = messages.GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/x-www-form-urlencoded").GetProperty("schema");
        var fields = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal) : [];
        var list = messages.GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query")
            .Select(p => p.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
        return (fields, required, list);
    }
}
