using System.Text.Json;

namespace CxInbox.IntegrationTests.Hostile;

/// <summary>One hostile HTTP request. <paramref name="MustBeRefused"/> marks inputs no correct server accepts
/// (unsigned, over the size limit, not decodable); the others may be accepted if they happen to be valid.</summary>
internal sealed record HostileRequest(
    string Method,
    string Target,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    bool MustBeRefused,
    string Kind)
{
    public override string ToString() =>
        $"{Kind}: {Method} {Shorten(Target)} [{string.Join("; ", Headers.Select(h => $"{h.Key}: {Shorten(h.Value)}"))}] {HostileValues.Describe(Body)}";

    public HttpRequestMessage ToMessage(string caseId)
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Target);
        if (Method != "GET" || Body.Length > 0)
        {
            request.Content = new ByteArrayContent(Body);
        }

        request.Headers.TryAddWithoutValidation(PublishedByRequest.CaseHeader, caseId);
        foreach (var (name, value) in Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}

/// <summary>What a server must do with any hostile request: never 5xx, never fail, refuse with a 4xx problem+json
/// that says why, publish nothing for what it refused, and echo no injected header.</summary>
internal static class HostileAnswer
{

    /// <returns>Null when the answer is right; otherwise what is wrong with it.</returns>
    /// <param name="answered">Told whether the request was accepted (2xx).</param>
    public static async Task<string?> ViolationAsync(HostileRequest input, HttpClient client, PublishedByRequest published, string caseId,
        Action<bool> answered)
    {
        HttpResponseMessage response;
        try
        {
            using var request = input.ToMessage(caseId);
            response = await client.SendAsync(request);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return $"the server failed instead of answering: {e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            answered(status is >= 200 and < 300);
            var body = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                return $"answered {status}: {body}";
            }

            if (response.Headers.Contains("X-Injected") || response.Headers.Contains("Set-Cookie")
                || response.Headers.Location?.ToString().Contains("evil", StringComparison.Ordinal) == true)
            {
                return "the answer carries a header the request injected";
            }

            if (status is >= 200 and < 300)
            {
                return input.MustBeRefused ? $"accepted ({status}) though it must be refused" : null;
            }

            if (status is < 400 or >= 500)
            {
                return $"answered {status}, neither accepted nor refused";
            }

            if (published.For(caseId) > 0)
            {
                return $"refused with {status} but published {published.For(caseId)} message(s)";
            }

            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                return $"refused with {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json: {body}";
            }

            try
            {
                using var problem = JsonDocument.Parse(body);
                return problem.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(detail.GetString())
                    ? null
                    : $"refused with {status} but the problem gives no reason: {body}";
            }
            catch (JsonException)
            {
                return $"refused with {status}, problem+json that is not JSON: {body}";
            }
        }
    }
}
