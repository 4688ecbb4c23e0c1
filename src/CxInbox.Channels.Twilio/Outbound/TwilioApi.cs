using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxInbox.Channels.Twilio.Outbound;

/// <summary>The two calls CxInbox makes to Twilio's Messages resource (shared/reference/channels.md §1.7), and
/// their JSON. Requests only; retries and the decisions about them belong to the callers.</summary>
public static class TwilioApi
{
    public static HttpRequestMessage CreateMessage(TwilioOptions account, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        ArgumentNullException.ThrowIfNull(account);
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Base(account)}/Messages.json") { Content = new FormUrlEncodedContent(form) };
        Authorize(request, account);
        return request;
    }

    /// <summary>Messages sent to <paramref name="to"/> (and from <paramref name="from"/>, when given) since
    /// <paramref name="since"/>'s date, newest first.</summary>
    public static HttpRequestMessage ListMessages(TwilioOptions account, string to, string? from, DateTimeOffset since, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(account);
        var query = new StringBuilder("?To=").Append(Uri.EscapeDataString(to));
        if (from is not null)
        {
            query.Append("&From=").Append(Uri.EscapeDataString(from));
        }

        // Twilio's filter is written DateSent>=YYYY-MM-DD: the parameter name is "DateSent>".
        query.Append("&DateSent%3E=").Append(since.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append("&PageSize=").Append(pageSize.ToString(CultureInfo.InvariantCulture));
        var request = new HttpRequestMessage(HttpMethod.Get, $"{Base(account)}/Messages.json{query}");
        Authorize(request, account);
        return request;
    }

    /// <summary>The next page of a list, from the <c>next_page_uri</c> Twilio returned (a path under the API base).</summary>
    public static HttpRequestMessage NextPage(TwilioOptions account, string nextPageUri)
    {
        ArgumentNullException.ThrowIfNull(account);
        var request = new HttpRequestMessage(HttpMethod.Get, account.ApiBaseUrl.TrimEnd('/') + nextPageUri);
        Authorize(request, account);
        return request;
    }

    public static DateTimeOffset? ParseDate(string? rfc2822) =>
        DateTimeOffset.TryParse(rfc2822, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.ToUniversalTime() : null;

    private static string Base(TwilioOptions account) =>
        $"{account.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(account.AccountSid)}";

    private static void Authorize(HttpRequestMessage request, TwilioOptions account) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}")));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}

/// <summary>Twilio's Message resource, the fields we read.</summary>
public sealed record TwilioMessage(string Sid, string? From, string? To, string? Body, string? Status, string? Direction,
    string? DateCreated, string? DateSent, string? NumMedia);

public sealed record TwilioMessagePage(IReadOnlyList<TwilioMessage> Messages, string? NextPageUri);

/// <summary>Twilio's error body: <c>{"code": 21211, "message": "...", "more_info": "...", "status": 400}</c>.</summary>
public sealed record TwilioError(int? Code, string? Message);
