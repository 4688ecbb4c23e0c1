namespace CxInbox.Classification;

/// <summary>The six customer-journey stages (Mullins et al. 2008). The order is the precedence of the labelling
/// guidelines reversed: when two stages score the same, the later one here wins.</summary>
public enum JourneyStage
{
    Insight = 0,
    Promotion = 1,
    Transaction = 2,
    Delivery = 3,
    Support = 4,
    Return = 5,
}

/// <summary>Wire names of <see cref="JourneyStage"/>: <c>insight</c>, <c>promotion</c>, <c>transaction</c>,
/// <c>delivery</c>, <c>support</c>, <c>return</c>.</summary>
public static class JourneyStages
{
    /// <summary>Every stage, in enum order.</summary>
    public static IReadOnlyList<JourneyStage> All { get; } =
        [JourneyStage.Insight, JourneyStage.Promotion, JourneyStage.Transaction, JourneyStage.Delivery, JourneyStage.Support, JourneyStage.Return];

    /// <summary>The guidelines' precedence: return first, promotion next, delivery, transaction, support, insight.</summary>
    public static IReadOnlyList<JourneyStage> Precedence { get; } =
        [JourneyStage.Return, JourneyStage.Promotion, JourneyStage.Delivery, JourneyStage.Transaction, JourneyStage.Support, JourneyStage.Insight];

    private static readonly string[] Names = ["insight", "promotion", "transaction", "delivery", "support", "return"];

    public static string ToWire(this JourneyStage stage) => Names[(int)stage];

    public static bool TryParse(string? wire, out JourneyStage stage)
    {
        var index = Array.IndexOf(Names, wire?.Trim().ToLowerInvariant());
        stage = index < 0 ? JourneyStage.Insight : (JourneyStage)index;
        return index >= 0;
    }
}
