using System.Globalization;

namespace RoutingLoad;

/// <summary>Command-line options. The defaults match src/CxInbox.Host/appsettings.Development.json and the services
/// test.sh starts.</summary>
internal sealed record LoadOptions(
    Uri Url,
    Uri PublicUrl,
    string Token,
    string Account,
    string AdminKey,
    string Postgres,
    Uri RabbitMq,
    IReadOnlyList<int> Rates,
    int Seconds,
    int Agents,
    bool Baseline,
    bool Router,
    int DrainSeconds,
    int WarmupSeconds,
    string? CountsFile,
    bool Watch)
{
    public const string Usage = """
        Usage: dotnet bench/RoutingLoad/bin/Release/net10.0/RoutingLoad.dll [options]   (bench/RoutingLoad/run.sh does it all)
          --url URL          where the Host listens; loopback only                      (http://localhost:5090)
          --public-url URL   the Host's CxInbox:PublicBaseUrl, used only to sign        (same as --url)
          --token TOKEN      Channels:Twilio:AuthToken                                  (dev-twilio-auth-token)
          --account SID      Channels:Twilio:AccountSid                                 (AC00000000000000000000000000000000)
          --admin-key KEY    CxInbox:Auth:BootstrapAdminKey                             (dev-admin-key)
          --postgres CS      the Host's database; the baseline writes its table there too
          --rabbitmq URI     the Host's broker (and virtual host); the baseline uses it too
          --rates LIST       offered rates in messages/s, comma-separated               (50,100,200,500)
          --seconds S        how long each rate is offered                              (10)
          --agents N         online agents for the router (capacity raised so none fills) (20)
          --only MODE        router or baseline; both when left out
          --drain-seconds S  how long to wait for stragglers after the last send        (30)
          --warmup-seconds S unreported warm-up at 100 msg/s per mode before the steps   (20; 5 with --short)
          --short            rates 50,100,200 for 3 s each
          --counts-file F    where run.sh --count's relay writes its statement counts
          --watch            keep a supervisor's live connection open (/hubs/inbox) for the whole run, as a
                             contact centre's browsers do: the Host's live bridge then takes every event
        """;

    public static LoadOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var isShort = false;
        var watch = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--short":
                    isShort = true;
                    continue;
                case "--watch":
                    watch = true;
                    continue;
            }

            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --option value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string[] known = ["url", "public-url", "token", "account", "admin-key", "postgres", "rabbitmq", "rates", "seconds", "agents", "only", "drain-seconds", "warmup-seconds", "counts-file"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option --{unknown}.");
        }

        var url = new Uri(values.GetValueOrDefault("url", "http://localhost:5090"));
        // This harness generates load: it must only ever aim at this machine.
        if (!url.IsLoopback)
        {
            throw new ArgumentException($"--url must be a loopback address; got {url.Host}.");
        }

        var only = values.GetValueOrDefault("only");
        if (only is not (null or "router" or "baseline"))
        {
            throw new ArgumentException("--only must be router or baseline.");
        }

        return new LoadOptions(
            url,
            new Uri(values.GetValueOrDefault("public-url", url.OriginalString)),
            values.GetValueOrDefault("token", "dev-twilio-auth-token"),
            values.GetValueOrDefault("account", "AC00000000000000000000000000000000"),
            values.GetValueOrDefault("admin-key", "dev-admin-key"),
            values.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres is required."),
            new Uri(values.GetValueOrDefault("rabbitmq") ?? throw new ArgumentException("--rabbitmq is required.")),
            [.. values.GetValueOrDefault("rates", isShort ? "50,100,200" : "50,100,200,500").Split(',').Select(r => Positive(r, "rates"))],
            Positive(values.GetValueOrDefault("seconds", isShort ? "3" : "10"), "seconds"),
            Positive(values.GetValueOrDefault("agents", "20"), "agents"),
            Baseline: only is null or "baseline",
            Router: only is null or "router",
            Positive(values.GetValueOrDefault("drain-seconds", "30"), "drain-seconds"),
            Positive(values.GetValueOrDefault("warmup-seconds", isShort ? "5" : "20"), "warmup-seconds"),
            values.GetValueOrDefault("counts-file"),
            watch);
    }

    private static int Positive(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");
}
