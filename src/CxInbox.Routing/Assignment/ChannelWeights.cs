namespace CxInbox.Routing.Assignment;

/// <summary>
/// How much of an agent's capacity a conversation takes, by its channel: an e-mail an agent answers at their own pace
/// may weigh 0.5, a live chat 1. A channel not listed weighs 1. Weights are between 0.01 and 1 in hundredths, so a
/// conversation never needs more than one whole slot and loads add up exactly (they are stored as whole hundredths).
/// </summary>
public sealed class ChannelWeights
{
    public const decimal Lightest = 0.01m;

    private readonly Dictionary<string, decimal> perChannel;

    public ChannelWeights(IReadOnlyDictionary<string, decimal> perChannel)
    {
        ArgumentNullException.ThrowIfNull(perChannel);
        foreach (var (channel, weight) in perChannel)
        {
            if (Problem(weight) is { } problem)
            {
                throw new ArgumentOutOfRangeException(nameof(perChannel), weight, $"The weight of {channel} {problem}.");
            }
        }

        this.perChannel = new Dictionary<string, decimal>(perChannel, StringComparer.OrdinalIgnoreCase);
    }

    public static ChannelWeights Equal { get; } = new(new Dictionary<string, decimal>());

    /// <summary>The lightest weight any channel has now; a conversation stored under an earlier configuration may weigh less.</summary>
    public decimal Minimum => perChannel.Values.Append(1m).Min();

    public decimal Of(string? channel) => channel is not null && perChannel.TryGetValue(channel, out var weight) ? weight : 1m;

    /// <summary>Why a weight is not allowed; null when it is.</summary>
    public static string? Problem(decimal weight) =>
        weight is < Lightest or > 1m ? $"must be between {Lightest} and 1, not {weight}"
        : decimal.Round(weight, 2) != weight ? $"must be in hundredths (such as 0.25), not {weight}"
        : null;
}
