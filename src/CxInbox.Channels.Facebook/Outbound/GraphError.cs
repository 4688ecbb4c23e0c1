using System.Globalization;
using System.Net;
using System.Text.Json;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.Facebook.Outbound;

/// <summary>The <c>error</c> object of a Graph API answer: <c>{"error": {"message", "type", "code", "error_subcode",
/// "fbtrace_id"}}</c> (channels.md §2.6).</summary>
public sealed record GraphError(int Code, int? Subcode, string? Message, string? TraceId)
{
    /// <summary><c>code</c>, or <c>code/subcode</c> as channels.md's table writes them, e.g. <c>10/2018278</c>.</summary>
    public string CodeText => Subcode is { } subcode
        ? string.Create(CultureInfo.InvariantCulture, $"{Code}/{subcode}")
        : Code.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads the error from a response whose content is buffered (HttpClient's default), so the retry
    /// predicate can look at it synchronously. Null when the body holds no Graph error.</summary>
    public static GraphError? TryRead(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            // A buffered content hands out the same stream each time: rewind it, and leave it open for the next reader.
            var body = response.Content.ReadAsStream();
            if (body.CanSeek)
            {
                body.Position = 0;
            }

            using var document = JsonDocument.Parse(body);
            return From(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static GraphError? From(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error)
            || error.ValueKind != JsonValueKind.Object || !TryInt(error, "code", out var code))
        {
            return null;
        }

        return new GraphError(
            code,
            TryInt(error, "error_subcode", out var subcode) ? subcode : null,
            error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null,
            error.TryGetProperty("fbtrace_id", out var trace) && trace.ValueKind == JsonValueKind.String ? trace.GetString() : null);
    }

    private static bool TryInt(JsonElement parent, string name, out int value)
    {
        value = 0;
        return parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }
}

/// <summary>
/// What a failed Send API call means for the agent, and whether another try can help (channels.md §2.6). The same
/// answer decides the retry inside the resilience pipeline and the final <see cref="SendOutcome.Failed"/>, so the
/// two can never disagree.
/// </summary>
public static class GraphFailure
{
    private static readonly HashSet<int> RateLimitCodes = [4, 17, 32, 613, 80006];
    private static readonly HashSet<int> TemporaryCodes = [-1, 1, 2, 1200];
    private static readonly HashSet<int> OutsideWindowSubcodes = [2018278, 2534022];

    public static SendOutcome.Failed Classify(HttpStatusCode status, GraphError? error, MessagingWindow window)
    {
        var http = (int)status;
        if (error is null)
        {
            var code = http.ToString(CultureInfo.InvariantCulture);
            return ProviderResilience.IsTransientStatus(status)
                ? new(code, $"Messenger answered HTTP {http}; it may work if sent again in a few minutes.", IsPermanent: false)
                : new(code, $"Messenger refused the reply with HTTP {http} and no error we could read.", IsPermanent: true);
        }

        var codeText = error.CodeText;
        if (error.Subcode is { } subcode && OutsideWindowSubcodes.Contains(subcode))
        {
            return new(codeText, "Messenger refused the reply: it is outside the messaging window. It can be sent once the customer writes to the Page again.", IsPermanent: true);
        }

        switch (error.Code)
        {
            case 551:
                return new(codeText, "This person isn't available on Messenger right now (they may have blocked the Page or deactivated their account).", IsPermanent: true);
            case 100 when error.Subcode == 2018001:
                return new(codeText, "Messenger knows no such person for this Page (the customer id is wrong or belongs to another Page).", IsPermanent: true);
            case 190:
                return new(codeText, "The Page access token is invalid or expired (a password change, or the app was removed from the Page). An administrator must reconnect the Page and update Channels:Facebook:PageAccessToken.", IsPermanent: true);
        }

        if (error.Code is 10 or (>= 200 and < 300) || error.Subcode == 2018108)
        {
            return new(codeText, window == MessagingWindow.HumanAgent
                ? "Messenger refused the HUMAN_AGENT tag, needed because the customer last wrote more than 24 hours ago: the app needs the Human Agent permission approved in Meta's App Review."
                : "The Meta app lacks a permission Messenger requires for this reply (pages_messaging, or App Review for people without a role on the app).", IsPermanent: true);
        }

        if (RateLimitCodes.Contains(error.Code))
        {
            return new(codeText, "Messenger is rate-limiting this Page; send the reply again in a few minutes.", IsPermanent: false);
        }

        if (TemporaryCodes.Contains(error.Code) || ProviderResilience.IsTransientStatus(status))
        {
            return new(codeText, "Messenger had a temporary problem; send the reply again in a few minutes.", IsPermanent: false);
        }

        // Subcode lists change: an unknown code is permanent unless the status says otherwise (channels.md §2.6).
        return new(codeText, $"Messenger refused the reply (Graph error {codeText}: {error.Message ?? "no message"}).", IsPermanent: true);
    }
}
