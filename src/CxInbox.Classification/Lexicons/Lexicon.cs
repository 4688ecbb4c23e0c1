using System.Reflection;

namespace CxInbox.Classification.Lexicons;

/// <summary>What a cue group contributes besides its weights.</summary>
public enum CueKind
{
    /// <summary>An ordinary cue.</summary>
    Cue,

    /// <summary>Reports that something failed (late, broken, not received). Praise next to one reads as sarcasm.</summary>
    Failure,

    /// <summary>Praise or thanks. Ignored, and counted as sarcasm, when the same message reports a failure.</summary>
    Praise,

    /// <summary>Says an earlier problem is solved ("working again", "sudah beres"): praise next to a failure is then
    /// thanks for the fix, not sarcasm.</summary>
    Resolved,
}

/// <summary>One phrase of a cue group, in the language it was listed under (<c>en</c>, <c>id</c> or <c>any</c>).</summary>
public sealed record CuePhrase(string Language, string Text);

/// <summary>A named set of words, phrases and patterns that mean the same thing for the classifier ("asks for money
/// back"), with one weight per target: the six stages, <c>complaint</c> and <c>sales</c>.</summary>
public sealed class CueGroup
{
    internal CueGroup(string name, string reason, CueKind kind, bool negatable, string? builtin,
        IReadOnlyList<CuePhrase> phrases, IReadOnlyList<string> patterns, IReadOnlyList<string> allOf, double[] prior,
        double[]? weights)
    {
        AllOf = allOf;
        Name = name;
        Reason = reason;
        Kind = kind;
        Negatable = negatable;
        Builtin = builtin;
        Phrases = phrases;
        Patterns = patterns;
        PriorWeights = prior;
        TrainedWeights = weights;
    }

    public string Name { get; }

    /// <summary>What a match means, shown to the agent as evidence ("reports a delivery failure").</summary>
    public string Reason { get; }

    public CueKind Kind { get; }

    /// <summary>A negator shortly before the cue ("no complaints", "tidak ada masalah", "not bad") turns its flag
    /// weights around and removes its stage weights.</summary>
    public bool Negatable { get; }

    /// <summary>Set for the features the classifier computes itself (<c>sarcasm</c>, <c>short</c>, <c>no_cue</c>);
    /// such a group has no phrases.</summary>
    public string? Builtin { get; }

    public IReadOnlyList<CuePhrase> Phrases { get; }

    /// <summary>Regular expressions matched (case-insensitively) against the original text.</summary>
    public IReadOnlyList<string> Patterns { get; }

    /// <summary>For a combination group (<c>all</c> in the file): the names of the cue groups that must all be present
    /// for it to fire, such as a refund request together with a stated wait ("slow refund"), a meaning no single
    /// group's weight can carry in a linear model. Empty for every other group.</summary>
    public IReadOnlyList<string> AllOf { get; }

    /// <summary>Hand-set weights (<c>prior</c> in the file): used when no trained weights are present, and the point
    /// training is regularised towards.</summary>
    public IReadOnlyList<double> PriorWeights { get; }

    /// <summary>Trained weights (<c>weights</c> in the file), or null when the group has only its prior.</summary>
    public IReadOnlyList<double>? TrainedWeights { get; }

    /// <summary>The weights the classifier uses: trained when present, else the prior.</summary>
    public IReadOnlyList<double> Weights => TrainedWeights ?? PriorWeights;

    internal CueGroup WithWeights(double[] weights) =>
        new(Name, Reason, Kind, Negatable, Builtin, Phrases, Patterns, AllOf, (double[])PriorWeights, weights);
}

/// <summary>A word stem (<see cref="Text.WordStem"/>) with weights learned by <c>train</c> from labelled messages:
/// the second feature family, beside the cue groups. It lets words no group lists ("dateng", "jamuran", "nobody
/// came") carry the evidence they carried in training, and is quoted to the agent as the word it came from.</summary>
public sealed record LearnedWord(string Stem, IReadOnlyList<double> Weights);

/// <summary>The classifier's tunable knowledge: normalisation, negation, language word lists and weighted cue groups.
/// Immutable; parse one with <see cref="LexiconParser.Parse"/> or use <see cref="Default"/>.</summary>
public sealed class Lexicon
{
    /// <summary>The targets every weight table is indexed by: the six stages (in <see cref="JourneyStage"/> order),
    /// then <c>complaint</c> and <c>sales</c>.</summary>
    public static IReadOnlyList<string> Targets { get; } =
        ["insight", "promotion", "transaction", "delivery", "support", "return", "complaint", "sales"];

    public const int ComplaintTarget = 6;
    public const int SalesTarget = 7;
    public const int TargetCount = 8;

    /// <summary>The resource name of the lexicon shipped inside this assembly.</summary>
    public const string DefaultResourceName = "CxInbox.Classification.Lexicons.default.json";

    private static readonly Lazy<Lexicon> DefaultLexicon = new(LoadDefault);

    internal Lexicon(IReadOnlyDictionary<string, string> abbreviations, IReadOnlyList<string> negators, int negationWindow,
        IReadOnlyList<string> englishWords, IReadOnlyList<string> indonesianWords, IReadOnlyList<string> loanwords,
        double[] priorBias, double[]? trainedBias, double[][] priorStageToFlags, double[][]? trainedStageToFlags,
        IReadOnlyList<CueGroup> groups, IReadOnlyList<LearnedWord> learnedWords, string? description)
    {
        LearnedWords = learnedWords;
        Abbreviations = abbreviations;
        Negators = negators;
        NegationWindow = negationWindow;
        EnglishWords = englishWords;
        IndonesianWords = indonesianWords;
        Loanwords = loanwords;
        PriorBias = priorBias;
        TrainedBias = trainedBias;
        PriorStageToFlags = priorStageToFlags;
        TrainedStageToFlags = trainedStageToFlags;
        Groups = groups;
        Description = description;
    }

    /// <summary>The lexicon shipped as an embedded resource (<c>Lexicons/default.json</c>).</summary>
    public static Lexicon Default => DefaultLexicon.Value;

    /// <summary>The JSON text of the shipped lexicon, a starting point for a deployment's own file.</summary>
    public static string DefaultJson()
    {
        using var stream = typeof(Lexicon).Assembly.GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {DefaultResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string? Description { get; }

    /// <summary>Informal spellings and their standard form (<c>gk</c> → <c>tidak</c>, <c>blm</c> → <c>belum</c>).</summary>
    public IReadOnlyDictionary<string, string> Abbreviations { get; }

    public IReadOnlyList<string> Negators { get; }

    /// <summary>How many words before a negatable cue a negator may stand.</summary>
    public int NegationWindow { get; }

    public IReadOnlyList<string> EnglishWords { get; }

    public IReadOnlyList<string> IndonesianWords { get; }

    /// <summary>English words that are everyday Indonesian commerce vocabulary (promo, refund, checkout): they count
    /// for neither language.</summary>
    public IReadOnlyList<string> Loanwords { get; }

    public IReadOnlyList<double> PriorBias { get; }

    public IReadOnlyList<double>? TrainedBias { get; }

    public IReadOnlyList<double> Bias => TrainedBias ?? PriorBias;

    /// <summary>[0] complaint, [1] sales: a weight per decided stage.</summary>
    public IReadOnlyList<IReadOnlyList<double>> PriorStageToFlags { get; }

    public IReadOnlyList<IReadOnlyList<double>>? TrainedStageToFlags { get; }

    public IReadOnlyList<IReadOnlyList<double>> StageToFlags => TrainedStageToFlags ?? PriorStageToFlags;

    public IReadOnlyList<CueGroup> Groups { get; }

    /// <summary>Word stems with learned weights (<c>learnedWords</c> in the file, written by <c>train</c>), in
    /// ordinal order; empty in a lexicon that was never trained.</summary>
    public IReadOnlyList<LearnedWord> LearnedWords { get; }

    /// <summary>A copy with trained weights, as <c>train</c> produces it.</summary>
    public Lexicon WithTrainedWeights(double[] bias, double[][] stageToFlags, IReadOnlyList<double[]> groupWeights,
        IReadOnlyList<LearnedWord> learnedWords)
    {
        ArgumentNullException.ThrowIfNull(learnedWords);
        ArgumentNullException.ThrowIfNull(bias);
        ArgumentNullException.ThrowIfNull(stageToFlags);
        ArgumentNullException.ThrowIfNull(groupWeights);
        if (bias.Length != TargetCount || stageToFlags.Length != 2 || groupWeights.Count != Groups.Count)
        {
            throw new ArgumentException("Weight tables do not match the lexicon's shape.");
        }

        var groups = Groups.Select((g, i) => g.WithWeights(groupWeights[i])).ToList();
        return new Lexicon(Abbreviations, Negators, NegationWindow, EnglishWords, IndonesianWords, Loanwords,
            (double[])PriorBias, bias, (double[][])PriorStageToFlags, stageToFlags, groups,
            [.. learnedWords.OrderBy(w => w.Stem, StringComparer.Ordinal)], Description);
    }

    private static Lexicon LoadDefault()
    {
        var result = LexiconParser.Parse(DefaultJson());
        return result.Lexicon ?? throw new InvalidOperationException(
            "The embedded default lexicon is invalid: " + string.Join("; ", result.Errors));
    }
}
