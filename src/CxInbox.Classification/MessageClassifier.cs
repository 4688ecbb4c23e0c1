using System.Text.RegularExpressions;
using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Text;

namespace CxInbox.Classification;

/// <summary>Tags a customer message with its journey stage, complaint and sales-opportunity flags, language and the
/// evidence for each (docs/classification.md). Pure and immutable: build one per <see cref="Lexicon"/>, share it
/// across threads, and swap the reference to reload a lexicon.</summary>
public sealed class MessageClassifier
{
    private const int EvidencePerTag = 3;

    private static readonly Lazy<MessageClassifier> DefaultClassifier = new(() => new MessageClassifier(Lexicon.Default));

    private readonly Normaliser normaliser;
    private readonly CueMatcher matcher = new();
    private readonly Regex[] patterns;
    private readonly int[] patternGroups;
    private readonly HashSet<string> negators;
    private readonly HashSet<string> english;
    private readonly HashSet<string> indonesian;
    private readonly HashSet<string> loanwords;
    private readonly double[][] weights;
    private readonly double[] bias;
    private readonly double complaintThreshold;
    private readonly double[][] stageToFlags;
    private readonly CueKind[] kinds;
    private readonly bool[] negatable;
    private readonly int sarcasmGroup = -1;
    private readonly int shortGroup = -1;
    private readonly int noCueGroup = -1;
    private readonly int negationWindow;
    private readonly (int Group, int[] Parts)[] combinations;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> learnedWords;
    private readonly int firstLearnedWord;

    // Longer pairs are never learned words: a word that long is a link or a code, not language.
    private const int MaxPairLength = 64;

    /// <summary>A classifier over the shipped lexicon (<see cref="Lexicon.Default"/>).</summary>
    public MessageClassifier()
        : this(Lexicon.Default)
    {
    }

    public MessageClassifier(Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        Lexicon = lexicon;
        normaliser = new Normaliser(lexicon.Abbreviations);
        negators = new HashSet<string>(lexicon.Negators.SelectMany(normaliser.NormalisePhrase), StringComparer.Ordinal);
        english = new HashSet<string>(lexicon.EnglishWords, StringComparer.Ordinal);
        indonesian = new HashSet<string>(lexicon.IndonesianWords, StringComparer.Ordinal);
        loanwords = new HashSet<string>(lexicon.Loanwords, StringComparer.Ordinal);
        negationWindow = lexicon.NegationWindow;
        complaintThreshold = lexicon.ComplaintThreshold;
        bias = [.. lexicon.Bias];
        stageToFlags = [.. lexicon.StageToFlags.Select(row => row.ToArray())];

        var groups = lexicon.Groups;
        firstLearnedWord = groups.Count;
        weights = new double[groups.Count + lexicon.LearnedWords.Count][];
        var stems = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var w = 0; w < lexicon.LearnedWords.Count; w++)
        {
            stems[lexicon.LearnedWords[w].Stem] = firstLearnedWord + w;
            weights[firstLearnedWord + w] = [.. lexicon.LearnedWords[w].Weights];
        }

        learnedWords = stems.GetAlternateLookup<ReadOnlySpan<char>>();
        kinds = new CueKind[groups.Count];
        negatable = new bool[groups.Count];
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        var patternList = new List<Regex>();
        var patternOwners = new List<int>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            weights[g] = [.. group.Weights];
            kinds[g] = group.Kind;
            negatable[g] = group.Negatable;
            switch (group.Builtin)
            {
                case "sarcasm": sarcasmGroup = g; break;
                case "short": shortGroup = g; break;
                case "no_cue": noCueGroup = g; break;
            }

            foreach (var phrase in group.Phrases)
            {
                var tokens = normaliser.NormalisePhrase(phrase.Text);
                matcher.Add(tokens, g);
                vocabulary.UnionWith(tokens);
            }

            foreach (var pattern in group.Patterns)
            {
                patternList.Add(new Regex(pattern, LexiconParser.PatternOptions, LexiconParser.PatternTimeout));
                patternOwners.Add(g);
            }
        }

        var index = groups.Select((g, i) => (g.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        combinations = [.. groups.Select((g, i) => (i, g.AllOf.Select(name => index[name]).ToArray())).Where(c => c.Item2.Length > 0)];
        matcher.Seal();
        vocabulary.UnionWith(english);
        vocabulary.UnionWith(indonesian);
        vocabulary.UnionWith(loanwords);
        normaliser.AddVocabulary(vocabulary);
        patterns = [.. patternList];
        patternGroups = [.. patternOwners];
    }

    /// <summary>A shared classifier over the shipped lexicon.</summary>
    public static MessageClassifier Default => DefaultClassifier.Value;

    public Lexicon Lexicon { get; }

    /// <summary>Classifies one message. Never throws for any string; <paramref name="channel"/> (<c>email</c>,
    /// <c>sms</c>, <c>twitter</c>, <c>facebook</c>, …) is accepted for callers' convenience and does not change the
    /// tags: the guidelines decide from the text alone.</summary>
    public ClassificationResult Classify(string text, string? channel = null)
    {
        _ = channel;
        text ??= "";
        var features = Analyse(text);
        var scores = Score(features, weights, bias, stageToFlags);
        var evidence = BuildEvidence(text, features, scores);
        return new ClassificationResult(scores.Stage, scores.StageProbability, scores.Complaint >= complaintThreshold,
            Confidence(scores.Complaint, complaintThreshold), scores.Sales >= 0.5, Confidence(scores.Sales, 0.5),
            features.Language, evidence);
    }

    internal int GroupCount => weights.Length;

    /// <summary>The distinct stems of a message's words and of its pairs of adjacent words (<c>"still not"</c>), from
    /// which <c>train</c> picks the learned words.</summary>
    internal IEnumerable<string> Stems(string text)
    {
        var tokens = normaliser.Normalise(text);
        var stems = new List<string>(tokens.Count * 2);
        string? previous = null;
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].Kind != TokenKind.Word)
            {
                continue;
            }

            var stem = WordStem.Of(tokens[t].Text).ToString();
            stems.Add(stem);
            if (previous is not null && FormPair(text, tokens[t - 1], tokens[t]))
            {
                stems.Add(previous + " " + stem);
            }

            previous = stem;
        }

        return stems.Distinct();
    }

    /// <summary>Two words form a pair only where they stand together in one clause: only spaces between them (no line
    /// break), or one hyphen (<c>e-ticket</c>), or both from one abbreviation ("tdk" → "tidak"). So no pair spans a
    /// question mark, a sentence's end, a line break, a comma, a dash, a number, an emoji or a dropped link or
    /// mention.</summary>
    internal static bool FormPair(string text, Token first, Token second)
    {
        if (first.Kind != TokenKind.Word || second.Kind != TokenKind.Word)
        {
            return false;
        }

        if (first.Start == second.Start)
        {
            return true;
        }

        var gapStart = first.Start + first.Length;
        if (second.Start - gapStart == 1 && text[gapStart] == '-')
        {
            return true;
        }

        for (var i = gapStart; i < second.Start; i++)
        {
            if (!char.IsWhiteSpace(text[i]) || IsLineBreak(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\v' or '\f' or '\u0085' or '\u2028' or '\u2029';

    private void AddLearnedWords(string text, List<Token> tokens, List<ActiveCue> cues)
    {
        Span<char> pair = stackalloc char[MaxPairLength];
        ReadOnlySpan<char> before = default;
        for (var t = 0; t < tokens.Count; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Word)
            {
                continue;
            }

            var stem = WordStem.Of(token.Text);
            if (learnedWords.TryGetValue(stem, out var feature))
            {
                Add(cues, new ActiveCue(feature, 1, token.Start, token.Length));
            }

            if (t > 0 && FormPair(text, tokens[t - 1], token) && before.Length + 1 + stem.Length <= MaxPairLength)
            {
                before.CopyTo(pair);
                pair[before.Length] = ' ';
                stem.CopyTo(pair[(before.Length + 1)..]);
                if (learnedWords.TryGetValue(pair[..(before.Length + 1 + stem.Length)], out var pairFeature))
                {
                    var first = tokens[t - 1];
                    Add(cues, new ActiveCue(pairFeature, 1, first.Start, token.Start + token.Length - first.Start));
                }
            }

            before = stem;
        }
    }

    internal MessageFeatures Analyse(string text)
    {
        var tokens = normaliser.Normalise(text);
        var matches = new List<CueMatch>();
        matcher.Match(tokens, matches);
        var cues = new List<ActiveCue>(matches.Count + 2);
        foreach (var match in matches)
        {
            var first = tokens[match.FirstToken];
            var last = tokens[match.LastToken];
            var negated = IsNegated(tokens, match.FirstToken);
            foreach (var g in match.Groups)
            {
                Add(cues, new ActiveCue(g, negatable[g] && negated ? -1 : 1, first.Start, last.Start + last.Length - first.Start));
            }
        }

        for (var p = 0; p < patterns.Length; p++)
        {
            try
            {
                var m = patterns[p].Match(text);
                if (m.Success)
                {
                    Add(cues, new ActiveCue(patternGroups[p], 1, m.Index, m.Length));
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // A deployment's pattern that backtracks badly on this text counts as no match; classification goes on.
            }
        }

        var words = 0;
        foreach (var token in tokens)
        {
            if (token.Kind is TokenKind.Word or TokenKind.Number)
            {
                words++;
            }
        }

        // Before the builtins: sarcasm switches praise off, and "thanks, it works again" must still see the praise.
        ApplyCombinations(cues);
        ApplyBuiltins(cues, words);
        if (learnedWords.Dictionary.Count > 0)
        {
            AddLearnedWords(text, tokens, cues);
        }

        return new MessageFeatures(cues, DetectLanguage(tokens), words);
    }

    internal static Scores Score(MessageFeatures features, double[][] weights, double[] bias, double[][] stageToFlags)
    {
        Span<double> z = stackalloc double[6];
        for (var k = 0; k < 6; k++)
        {
            z[k] = bias[k];
        }

        var complaint = bias[Lexicon.ComplaintTarget];
        var sales = bias[Lexicon.SalesTarget];
        foreach (var cue in features.Cues)
        {
            var w = weights[cue.Group];
            if (cue.Value > 0)
            {
                for (var k = 0; k < 6; k++)
                {
                    z[k] += w[k] * cue.Value;
                }
            }

            complaint += w[Lexicon.ComplaintTarget] * cue.Value;
            sales += w[Lexicon.SalesTarget] * cue.Value;
        }

        // Ties go to the guidelines' precedence: return, promotion, delivery, transaction, support, insight.
        var stage = JourneyStages.Precedence[0];
        foreach (var candidate in JourneyStages.Precedence)
        {
            if (z[(int)candidate] > z[(int)stage])
            {
                stage = candidate;
            }
        }

        var max = z[(int)stage];
        var sum = 0.0;
        for (var k = 0; k < 6; k++)
        {
            sum += Math.Exp(z[k] - max);
        }

        complaint += stageToFlags[0][(int)stage];
        sales += stageToFlags[1][(int)stage];
        return new Scores(stage, 1 / sum, Sigmoid(complaint), Sigmoid(sales));
    }

    private void ApplyBuiltins(List<ActiveCue> cues, int words)
    {
        var praise = -1;
        var failure = false;
        var resolved = false;
        for (var i = 0; i < cues.Count; i++)
        {
            var kind = kinds[cues[i].Group];
            if (cues[i].Value > 0 && kind == CueKind.Praise && praise < 0)
            {
                praise = i;
            }

            failure |= cues[i].Value > 0 && kind == CueKind.Failure;
            resolved |= cues[i].Value > 0 && kind == CueKind.Resolved;
        }

        if (praise >= 0 && failure && !resolved)
        {
            // "Lost parcel number three this year. Amazing service 👏": praise next to a failure is sarcasm.
            var cue = cues[praise];
            if (sarcasmGroup >= 0)
            {
                cues.Add(new ActiveCue(sarcasmGroup, 1, cue.Start, cue.Length));
            }

            for (var i = 0; i < cues.Count; i++)
            {
                if (kinds[cues[i].Group] == CueKind.Praise && cues[i].Value > 0)
                {
                    var c = cues[i];
                    c.Value = 0;
                    cues[i] = c;
                }
            }
        }

        if (shortGroup >= 0 && words <= 4)
        {
            cues.Add(new ActiveCue(shortGroup, 1, 0, 0));
        }

        if (noCueGroup >= 0 && cues.Count == 0)
        {
            cues.Add(new ActiveCue(noCueGroup, 1, 0, 0));
        }
    }

    /// <summary>A combination fires when all its groups are present (not negated). It quotes the part that comes last
    /// in the text, the one that completes the meaning ("refund … udah 1 month").</summary>
    private void ApplyCombinations(List<ActiveCue> cues)
    {
        foreach (var (group, parts) in combinations)
        {
            var last = -1;
            foreach (var part in parts)
            {
                var found = -1;
                for (var i = 0; i < cues.Count; i++)
                {
                    if (cues[i].Group == part && cues[i].Value > 0)
                    {
                        found = i;
                        break;
                    }
                }

                if (found < 0)
                {
                    last = -1;
                    break;
                }

                if (last < 0 || cues[found].Start > cues[last].Start)
                {
                    last = found;
                }
            }

            if (last >= 0)
            {
                cues.Add(new ActiveCue(group, 1, cues[last].Start, cues[last].Length));
            }
        }
    }

    private static void Add(List<ActiveCue> cues, ActiveCue cue)
    {
        for (var i = 0; i < cues.Count; i++)
        {
            if (cues[i].Group == cue.Group)
            {
                // A plain mention outweighs a negated one: "no complaints about the food, but the room was a problem".
                if (cue.Value > cues[i].Value)
                {
                    cues[i] = cue;
                }

                return;
            }
        }

        cues.Add(cue);
    }

    private bool IsNegated(List<Token> tokens, int index)
    {
        if (tokens[index].SentenceStart)
        {
            return false;
        }

        for (var j = index - 1; j >= 0 && j >= index - negationWindow; j--)
        {
            if (tokens[j].Kind is TokenKind.Punctuation or TokenKind.Emoji)
            {
                return false;
            }

            if (negators.Contains(tokens[j].Text))
            {
                return true;
            }

            if (tokens[j].SentenceStart)
            {
                return false;
            }
        }

        return false;
    }

    private string DetectLanguage(List<Token> tokens)
    {
        var en = 0;
        var id = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            // A capitalised word inside a sentence is a name ("Premium", "Kopi dari Petani"), and so is a small word
            // between two of them: names have no language.
            if (token.Kind != TokenKind.Word || IsName(tokens, i) || loanwords.Contains(token.Text)
                || (i > 0 && i + 1 < tokens.Count && IsName(tokens, i - 1) && IsName(tokens, i + 1)))
            {
                continue;
            }

            if (english.Contains(token.Text))
            {
                en++;
            }
            else if (indonesian.Contains(token.Text))
            {
                id++;
            }
        }

        if (id == 0)
        {
            return "en";
        }

        if (en == 0)
        {
            return "id";
        }

        // One Indonesian word in a long English message is a name or a greeting ("kak"), not code-switching.
        return id == 1 && en >= 10 ? "en" : "mixed";
    }

    private static bool IsName(List<Token> tokens, int i) => tokens[i].TitleCase && !tokens[i].SentenceStart;

    private List<Evidence> BuildEvidence(string text, MessageFeatures features, Scores scores)
    {
        var evidence = new List<Evidence>(8);
        AddEvidence(evidence, text, features, (int)scores.Stage, "journey_stage", supporting: true, stageOnly: true);
        var complaint = scores.Complaint >= complaintThreshold;
        AddEvidence(evidence, text, features, Lexicon.ComplaintTarget, "complaint", complaint, stageOnly: false);
        var sales = scores.Sales >= 0.5;
        AddEvidence(evidence, text, features, Lexicon.SalesTarget, "sales_opportunity", sales, stageOnly: false);
        return evidence;
    }

    private void AddEvidence(List<Evidence> evidence, string text, MessageFeatures features, int target, string tag,
        bool supporting, bool stageOnly)
    {
        List<(double Contribution, int Index)>? candidates = null;
        for (var i = 0; i < features.Cues.Count; i++)
        {
            var cue = features.Cues[i];
            if (cue.Length == 0 || (stageOnly && cue.Value <= 0))
            {
                continue;
            }

            var contribution = weights[cue.Group][target] * cue.Value * (supporting ? 1 : -1);
            if (contribution >= 0.25)
            {
                (candidates ??= []).Add((contribution, i));
            }
        }

        if (candidates is null)
        {
            return;
        }

        candidates.Sort((a, b) => b.Contribution.CompareTo(a.Contribution));
        foreach (var (_, index) in candidates.Take(EvidencePerTag))
        {
            var cue = features.Cues[index];
            var reason = cue.Group >= firstLearnedWord ? LearnedWordReason(target, supporting, Lexicon.LearnedWords[cue.Group - firstLearnedWord].Stem.Contains(' '))
                : cue.Value < 0 ? "negated: " + Lexicon.Groups[cue.Group].Reason : Lexicon.Groups[cue.Group].Reason;
            evidence.Add(new Evidence(tag, text.Substring(cue.Start, cue.Length), reason));
        }
    }

    private static string LearnedWordReason(int target, bool supporting, bool pair)
    {
        var label = target switch
        {
            Lexicon.ComplaintTarget => "complaints",
            Lexicon.SalesTarget => "sales opportunities",
            _ => Lexicon.Targets[target] + " messages",
        };
        return $"{(pair ? "words that went" : "a word that went")} {(supporting ? "with" : "against")} {label} in the labelled training messages";
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Confidence in the yes/no answer, in [0.5, 1]: how far the probability lies from the threshold towards
    /// the end it is on (with a threshold of 0.5, simply the probability of the answer given).</summary>
    private static double Confidence(double probability, double threshold) => probability >= threshold
        ? 0.5 + 0.5 * (probability - threshold) / (1 - threshold)
        : 0.5 + 0.5 * (threshold - probability) / threshold;

    internal readonly record struct Scores(JourneyStage Stage, double StageProbability, double Complaint, double Sales);
}
