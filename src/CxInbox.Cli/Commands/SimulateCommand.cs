using System.Globalization;
using CxInbox.Simulation.Sending;
using CxInbox.Simulation.Traffic;
using Microsoft.Extensions.Configuration;

namespace CxInbox.Cli.Commands;

/// <summary><c>simulate</c>: signed, realistic customer traffic against a running Host (docs/adding-a-channel.md).</summary>
internal static class SimulateCommand
{
    public static async Task<int> RunAsync(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["channels", "customers", "rate", "duration", "target", "seed", "set"]);
        var (plan, target, configuration) = Parse(options);

        var settings = SimulatorSettings.From(configuration, target);
        var skipped = new Dictionary<SimulatedChannel, string>();
        var missing = new List<string>();
        foreach (var channel in plan.Channels)
        {
            if (settings.Missing(channel) is { } reason)
            {
                // E-mail needs a mail server, which a quick try may not have: skip it and say so. A webhook channel
                // without its secret would only collect 403s, so that is the user's mistake to fix.
                if (channel == SimulatedChannel.Email)
                {
                    skipped[channel] = reason;
                }
                else
                {
                    missing.Add(reason);
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new CliException(string.Join("\n       ", missing) + "\n       (or pass --set Key=Value); use the values the Host runs with", 2);
        }

        plan = plan with { Channels = plan.Channels.Where(c => !skipped.ContainsKey(c)).ToList() };
        foreach (var (channel, reason) in skipped)
        {
            Console.Error.WriteLine($"{channel.ToName()} skipped: {reason}");
        }

        if (plan.Channels.Count == 0)
        {
            throw new CliException("no channel left to simulate", 2);
        }

        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulating {TrafficGenerator.MessageCount(plan)} messages from {plan.Customers} customers on {string.Join(", ", plan.Channels.Select(c => c.ToName()))} at {plan.Rate}/s for {plan.Duration.TotalSeconds} s against {target} (seed {plan.Seed}); Ctrl+C stops early"));

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var http = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(30) };
        await using var sender = new TrafficSender(http, settings, TimeProvider.System);
        var report = await sender.RunAsync(TrafficGenerator.Generate(plan), skipped, stop.Token);

        Console.WriteLine(report.Describe());
        return report.Refused + report.Failed == 0 ? 0 : 1;
    }

    private static (TrafficPlan Plan, Uri Target, IConfiguration Configuration) Parse(CliArguments options)
    {
        if (!SimulatedChannels.TryParseList(options.Optional("channels") ?? "sms,facebook,x,email,webhook", out var channels, out var channelError))
        {
            throw new CliException("--channels: " + channelError, 2);
        }

        var targetText = options.Optional("target") ?? "http://localhost:5080";
        if (!Uri.TryCreate(targetText, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--target must be the Host's absolute http(s) address, such as http://localhost:5080, not '{targetText}'", 2);
        }

        var plan = new TrafficPlan
        {
            Channels = channels,
            Customers = options.Int("customers", 200, 1, TrafficPlan.MaxCustomers),
            Rate = options.Double("rate", 20),
            Duration = TimeSpan.FromSeconds(options.Double("duration", 60)),
            // A fresh seed per run by default: new customers, not the threads of the last run.
            Seed = options.Int("seed", Random.Shared.Next(0, int.MaxValue), 0, int.MaxValue),
        };
        var problems = plan.Problems();
        if (problems.Count > 0)
        {
            throw new CliException(string.Join("\n       ", problems.Select(p => "--" + p)), 2);
        }

        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in options.All("set"))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--set takes Key=Value, such as Channels:Twilio:AuthToken=..., not '{pair}'", 2);
            }

            overrides[pair[..equals]] = pair[(equals + 1)..];
        }

        // The Host's own keys, from the environment (Channels__Twilio__AuthToken) or --set, so one setup serves both.
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        return (plan, target, configuration);
    }
}
