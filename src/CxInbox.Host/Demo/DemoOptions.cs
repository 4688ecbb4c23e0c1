using System.ComponentModel.DataAnnotations;

namespace CxInbox.Host.Demo;

/// <summary><c>CxInbox:Demo</c>: simulated customers writing to this Host (<c>--demo</c>), so a first run shows a live inbox.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "CxInbox:Demo";

    /// <summary>Run the simulator against this Host. <c>--demo</c> sets it. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Messages a second: gentle, so an agent can follow. Default: 0.5.</summary>
    [Range(0.01, 100)]
    public double Rate { get; set; } = 0.5;

    /// <summary>Different customers the demo plays. Default: 40.</summary>
    [Range(1, 10_000)]
    public int Customers { get; set; } = 40;

    /// <summary>How long the demo writes; it also stops with the Host. Default: 8 hours.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// <c>--demo</c> becomes <c>--CxInbox:Demo:Enabled=true</c>. A bare <c>--demo</c> cannot go to the command-line
    /// configuration as it is: that would take the next argument as its value.
    /// </summary>
    public static string[] ReadFlag(string[] args) =>
        [.. args.Select(a => a == "--demo" ? $"--{SectionName}:{nameof(Enabled)}=true" : a)];

    /// <summary>
    /// Demo secrets for the channels this configuration leaves without one, so every simulated channel is accepted.
    /// Only with <c>--demo</c>, and never over a configured value: these secrets are public, in this file.
    /// </summary>
    public static Dictionary<string, string?> SecretsFor(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Groups that are configured together: X takes its four OAuth values all or none.
        Dictionary<string, string?>[] groups =
        [
            new() { ["Channels:Twilio:AuthToken"] = "demo-twilio-auth-token" },
            new() { ["Channels:Facebook:AppSecret"] = "demo-facebook-app-secret" },
            new()
            {
                ["Channels:X:ConsumerKey"] = "demo-x-consumer-key",
                ["Channels:X:ConsumerSecret"] = "demo-x-consumer-secret",
                ["Channels:X:AccessToken"] = "demo-x-access-token",
                ["Channels:X:AccessTokenSecret"] = "demo-x-access-token-secret",
            },
            new() { ["Channels:Webhook:Secret"] = "demo-webhook-secret-0123456789" },
        ];
        return groups.Where(g => g.Keys.All(key => string.IsNullOrEmpty(configuration[key])))
            .SelectMany(g => g)
            .ToDictionary();
    }
}
