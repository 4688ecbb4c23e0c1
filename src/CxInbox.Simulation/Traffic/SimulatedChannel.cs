namespace CxInbox.Simulation.Traffic;

/// <summary>The channels the simulator can play a customer on, by the names <c>--channels</c> takes.</summary>
public enum SimulatedChannel
{
    Sms,
    Facebook,
    X,
    Email,
    Webhook,
}

public static class SimulatedChannels
{
    public static readonly IReadOnlyList<SimulatedChannel> All = Enum.GetValues<SimulatedChannel>();

    public static string ToName(this SimulatedChannel channel) => channel.ToString().ToLowerInvariant();

    /// <summary>Parses <c>sms,facebook,x,email,webhook</c> (any case, spaces allowed); the error names the bad entry.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<SimulatedChannel> channels, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<SimulatedChannel>();
        error = null;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = All.Where(c => string.Equals(c.ToName(), name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 0)
            {
                error = $"unknown channel '{name}' (expected {string.Join(", ", All.Select(c => c.ToName()))})";
                break;
            }

            if (!parsed.Contains(match[0]))
            {
                parsed.Add(match[0]);
            }
        }

        if (error is null && parsed.Count == 0)
        {
            error = "no channel given (expected a comma-separated list of " + string.Join(", ", All.Select(c => c.ToName())) + ")";
        }

        channels = error is null ? parsed : [];
        return error is null;
    }
}
