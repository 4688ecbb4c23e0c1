using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using CxInbox.Channels.Outbound;

namespace CxInbox.Channels.X.Outbound;

/// <summary>The checks and answers both X senders share. Reasons are written for the agent.</summary>
internal static class XReplyOutcomes
{
    // The body goes to an API, not into HTML: keep non-ASCII text as it is instead of \u escapes.
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What the senders call the thing they send, and where the agent should look when unsure.</summary>
    public sealed record Kind(string What, string Where);

    public static readonly Kind DirectMessage = new("DM", "the DM conversation with the customer on X");
    public static readonly Kind PostReply = new("reply", "the customer's thread on X");

    public static SendOutcome.Failed? RefuseBeforeSending(OutboundReply reply, XOptions options)
    {
        if (!options.CanSend)
        {
            return new SendOutcome.Failed("not_configured",
                "X replies are not configured in this deployment (Channels:X consumer key and secret, access token and secret).",
                IsPermanent: true);
        }

        if (options.AccountId.Length > 0 && !string.Equals(reply.ChannelAccount, options.AccountId, StringComparison.Ordinal))
        {
            return new SendOutcome.Failed("wrong_account",
                $"This thread belongs to X account {reply.ChannelAccount}, but this deployment sends as account {options.AccountId} only.",
                IsPermanent: true);
        }

        if (string.IsNullOrWhiteSpace(reply.Text))
        {
            return new SendOutcome.Failed("empty", "The reply is empty; X sends no empty messages.", IsPermanent: true);
        }

        return null;
    }

    /// <summary>X's user and post ids are 1 to 19 digits; anything else must not reach a URL or a request.</summary>
    public static bool IsXId(string? value) => value is { Length: >= 1 and <= 19 } && value.All(char.IsAsciiDigit);

    public static Uri Endpoint(XOptions options, string path) => new(options.ApiBaseUrl.TrimEnd('/') + path);

    /// <summary><c>data.&lt;field&gt;</c> of a success body.</summary>
    public static string? DataField(string body, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("data", out var data)
                && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty(field, out var value)
                && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A 2xx without the new message's id: X may have sent it, so the agent must check before resending.</summary>
    public static SendOutcome.Failed SuccessWithoutId(XApiResult.Answered answer, Kind kind) =>
        new(answer.Problem?.Kind ?? "no_id",
            $"X answered {(int)answer.Status} without the id of the new {kind.What}{Says(answer.Problem)} It may or may not have gone out: check {kind.Where} before sending again.",
            IsPermanent: false);

    /// <summary>The answers both senders treat alike: credentials, limits, X's own failures, other refusals.</summary>
    public static SendOutcome.Failed Failure(XApiResult.Answered answer, Kind kind) => answer.Status switch
    {
        HttpStatusCode.BadRequest => new(answer.Code, $"X refused the {kind.What} as invalid{Says(answer.Problem)}", IsPermanent: true),
        HttpStatusCode.Unauthorized => new(answer.Code,
            $"X did not accept the brand account's credentials (Channels:X keys wrong, or the access token revoked){Says(answer.Problem)}",
            IsPermanent: true),
        HttpStatusCode.TooManyRequests when answer.Problem?.Is("usage-capped") == true => new(answer.Code,
            $"The X app's usage cap is reached or its prepaid credits ran out; no {kind.What} can be sent until an administrator raises it. Not sent.",
            IsPermanent: false),
        HttpStatusCode.TooManyRequests => new(answer.Code,
            $"X's rate limit for sending is reached{Until(answer.RateLimitReset)}. The {kind.What} was not sent; send it again later.",
            IsPermanent: false),
        HttpStatusCode.ServiceUnavailable when !answer.EarlierAttemptPerhapsDone => new(answer.Code,
            $"X is unavailable (503). The {kind.What} was not sent; send it again later.", IsPermanent: false),
        >= HttpStatusCode.InternalServerError => new(answer.Code,
            $"X failed ({(int)answer.Status}); the {kind.What} may or may not have gone out. Check {kind.Where} before sending again.",
            IsPermanent: false),
        _ => new(answer.Code, $"X refused the {kind.What} ({(int)answer.Status}){Says(answer.Problem)}", IsPermanent: true),
    };

    public static SendOutcome.Failed Failure(XApiResult.Unanswered unanswered, Kind kind) => unanswered.PerhapsDone
        ? new(unanswered.Code,
            $"{unanswered.Why}; the {kind.What} may or may not have gone out. Check {kind.Where} before sending again.",
            IsPermanent: false)
        : new(unanswered.Code, $"{unanswered.Why}. The {kind.What} was not sent; send it again later.", IsPermanent: false);

    /// <summary>": X's words." or ".".</summary>
    public static string Says(XProblem? problem) =>
        problem?.Describe() is { Length: > 0 } words ? $": {words.TrimEnd('.')}." : ".";

    private static string Until(DateTimeOffset? reset) =>
        reset is { } at ? $" until {at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC" : "";
}
