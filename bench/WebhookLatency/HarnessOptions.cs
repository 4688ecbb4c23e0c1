using System.Globalization;

namespace WebhookLatency;

/// <summary>Command-line options. The defaults match src/CxInbox.Host/appsettings.Development.json.</summary>
internal sealed record HarnessOptions(
    Uri Url,
    Uri PublicUrl,
    string Token,
    string Account,
    string AdminKey,
    int Messages,
    int Concurrency,
    int Agents,
    int TimeoutSeconds)
{
    public const string Usage = """
        Usage: dotnet run --project bench/WebhookLatency -c Release -- [options]
          --url URL              where the Host listens; must be a loopback address   (http://localhost:5080)
          --public-url URL       the Host's CxInbox:PublicBaseUrl, used only to sign  (same as --url)
          --token TOKEN          Channels:Twilio:AuthToken                            (dev-twilio-auth-token)
          --account SID          Channels:Twilio:AccountSid                           (AC00000000000000000000000000000000)
          --admin-key KEY        CxInbox:Auth:BootstrapAdminKey                       (dev-admin-key)
          --messages N           webhooks to send, each from a new customer number    (500)
          --concurrency C        webhooks in flight at most                           (8)
          --agents A             online agents to create first, capacity 100 each     (5)
          --timeout-seconds S    stop and report whatever was measured by then        (120)
        """;

    /// <summary>Null when help was asked for; throws <see cref="ArgumentException"/> on a bad option.</summary>
    public static HarnessOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                return null;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --option value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        var known = new[] { "url", "public-url", "token", "account", "admin-key", "messages", "concurrency", "agents", "timeout-seconds" };
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option --{unknown}.");
        }

        var url = ParseUrl(values.GetValueOrDefault("url", "http://localhost:5080"), "url");
        // This harness generates load: it must only ever aim at this machine.
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"--url must be a loopback address (localhost, 127.0.0.0/8, [::1]); got {url.Host}.");
        }

        return new HarnessOptions(
            url,
            values.TryGetValue("public-url", out var publicUrl) ? ParseUrl(publicUrl, "public-url") : url,
            values.GetValueOrDefault("token", "dev-twilio-auth-token"),
            values.GetValueOrDefault("account", "AC00000000000000000000000000000000"),
            values.GetValueOrDefault("admin-key", "dev-admin-key"),
            ParseInt(values, "messages", 500, 1, 100_000),
            ParseInt(values, "concurrency", 8, 1, 256),
            ParseInt(values, "agents", 5, 0, 1_000),
            ParseInt(values, "timeout-seconds", 120, 1, 3_600));
    }

    private static Uri ParseUrl(string text, string name) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"--{name} must be an absolute http(s) URL; got '{text}'.");

    private static int ParseInt(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"--{name} must be a whole number from {min} to {max}; got '{text}'.");
    }
}
