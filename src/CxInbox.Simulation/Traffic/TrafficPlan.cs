namespace CxInbox.Simulation.Traffic;

/// <summary>What to simulate: on which channels, how many customers, how many messages a second, for how long.
/// The same plan with the same <see cref="Seed"/> gives the same traffic.</summary>
public sealed record TrafficPlan
{
    public const int MaxCustomers = 1_000_000;
    public const double MaxRate = 1_000;

    public required IReadOnlyList<SimulatedChannel> Channels { get; init; }

    public required int Customers { get; init; }

    /// <summary>Messages a second, across all channels.</summary>
    public required double Rate { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>Chooses the customers, their words and ids; a different seed gives different customers, so a run
    /// never threads into the conversations of an earlier one.</summary>
    public required int Seed { get; init; }

    /// <summary>Share of messages that follow up in a thread the same customer already started. Default: 0.35.</summary>
    public double FollowUpShare { get; init; } = 0.35;

    /// <summary>Every problem with the plan, each naming the option; empty when it can run.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Channels.Count == 0)
        {
            problems.Add("channels: at least one channel is needed");
        }

        if (Customers is < 1 or > MaxCustomers)
        {
            problems.Add($"customers: must be from 1 to {MaxCustomers:N0}, not {Customers}");
        }

        if (!double.IsFinite(Rate) || Rate <= 0 || Rate > MaxRate)
        {
            problems.Add($"rate: must be more than 0 and at most {MaxRate:N0} messages a second, not {Rate}");
        }

        if (Duration <= TimeSpan.Zero)
        {
            problems.Add($"duration: must be more than 0 seconds, not {Duration.TotalSeconds}");
        }

        if (Seed < 0)
        {
            problems.Add($"seed: must be 0 or more, not {Seed}");
        }

        if (!double.IsFinite(FollowUpShare) || FollowUpShare is < 0 or > 1)
        {
            problems.Add($"follow-up share: must be from 0 to 1, not {FollowUpShare}");
        }

        return problems;
    }
}
