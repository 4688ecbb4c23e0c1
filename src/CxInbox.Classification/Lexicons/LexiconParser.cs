using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CxInbox.Classification.Text;

namespace CxInbox.Classification.Lexicons;

/// <summary>One problem in a lexicon file: where (a JSON path such as <c>groups[refund].id[3]</c>) and what.</summary>
public sealed record LexiconError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A parsed lexicon, or every problem found in the file.</summary>
public sealed record LexiconParseResult(Lexicon? Lexicon, IReadOnlyList<LexiconError> Errors)
{
    public bool IsValid => Lexicon is not null;
}

/// <summary>Reads and validates the lexicon JSON format (docs/classification.md, "Tuning"). Collects every error
/// rather than stopping at the first, so a deployment fixes its file in one round. Comments and trailing commas are
/// allowed.</summary>
public static class LexiconParser
{
    public static readonly IReadOnlyList<string> Builtins = ["sarcasm", "short", "no_cue"];

    /// <summary>How patterns are compiled: case-insensitive, culture-invariant, compiled once per classifier.</summary>
    public const RegexOptions PatternOptions =
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled;

    /// <summary>A pattern that runs longer than this on one message counts as not matching it.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(50);

    private static readonly string[] PhraseLanguages = ["en", "id", "any"];

    private static readonly string[] RootProperties =
        ["version", "description", "abbreviations", "negators", "negationWindow", "complaintThreshold", "languages", "bias", "trainedBias",
         "stageToFlags", "trainedStageToFlags", "groups", "learnedWords"];

    private static readonly string[] GroupProperties =
        ["name", "reason", "kind", "negatable", "builtin", "en", "id", "any", "patterns", "all", "prior", "weights"];

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 16,
    };

    public static LexiconParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}" : "$";
            return new LexiconParseResult(null, [new LexiconError("$", $"not valid JSON at {where}: {FirstSentence(e.Message)}")]);
        }

        using (document)
        {
            var errors = new List<LexiconError>();
            var lexicon = Read(document.RootElement, errors);
            return errors.Count == 0 ? new LexiconParseResult(lexicon, []) : new LexiconParseResult(null, errors);
        }
    }

    private static Lexicon? Read(JsonElement root, List<LexiconError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LexiconError("$", "the lexicon must be a JSON object"));
            return null;
        }

        UnknownProperties(root, "$", RootProperties, errors);
        if (root.TryGetProperty("version", out var version) && !(version.TryGetInt32(out var v) && v == 1))
        {
            errors.Add(new LexiconError("version", "unsupported version (this build reads version 1)"));
        }

        var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var abbreviations = ReadAbbreviations(root, errors);
        var negators = ReadWordList(root, "negators", errors);
        var window = 3;
        if (root.TryGetProperty("negationWindow", out var w))
        {
            if (!w.TryGetInt32(out window) || window is < 1 or > 10)
            {
                errors.Add(new LexiconError("negationWindow", "must be a whole number from 1 to 10"));
            }
        }

        var complaintThreshold = 0.5;
        if (root.TryGetProperty("complaintThreshold", out var t))
        {
            if (!t.TryGetDouble(out complaintThreshold) || complaintThreshold is < 0.05 or > 0.95)
            {
                errors.Add(new LexiconError("complaintThreshold", "must be a number from 0.05 to 0.95"));
            }
        }

        List<string> english = [], indonesian = [], loanwords = [];
        if (root.TryGetProperty("languages", out var languages))
        {
            if (languages.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new LexiconError("languages", "must be an object with en, id and loanwords lists"));
            }
            else
            {
                UnknownProperties(languages, "languages", ["en", "id", "loanwords"], errors);
                english = ReadWordList(languages, "en", errors, "languages.");
                indonesian = ReadWordList(languages, "id", errors, "languages.");
                loanwords = ReadWordList(languages, "loanwords", errors, "languages.");
            }
        }

        var priorBias = ReadTargetWeights(root, "bias", errors, "") ?? new double[Lexicon.TargetCount];
        var trainedBias = ReadTargetWeights(root, "trainedBias", errors, "");
        var priorStageToFlags = ReadStageToFlags(root, "stageToFlags", errors) ?? [new double[6], new double[6]];
        var trainedStageToFlags = ReadStageToFlags(root, "trainedStageToFlags", errors);

        var normaliser = new Normaliser(abbreviations);
        var groups = ReadGroups(root, normaliser, errors);
        var learnedWords = ReadLearnedWords(root, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return new Lexicon(abbreviations, negators, window, complaintThreshold, english, indonesian, loanwords, priorBias, trainedBias,
            priorStageToFlags, trainedStageToFlags, groups, learnedWords, description);
    }

    private static List<LearnedWord> ReadLearnedWords(JsonElement root, List<LexiconError> errors)
    {
        var result = new List<LearnedWord>();
        if (!root.TryGetProperty("learnedWords", out var element))
        {
            return result;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LexiconError("learnedWords", "must be an object of \"stem\": { target: weight }"));
            return result;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var stem = property.Name;
            if (!IsLearnedStem(stem))
            {
                errors.Add(new LexiconError($"learnedWords.{stem}", "a stem is one lower-case word of letters or digits, or two such words with one space between them"));
            }
            else if (!seen.Add(stem))
            {
                errors.Add(new LexiconError($"learnedWords.{stem}", "listed twice"));
            }
            else if (ReadTargetWeights(element, stem, errors, "learnedWords.") is { } weights)
            {
                result.Add(new LearnedWord(stem, weights));
            }
        }

        return result;
    }

    private static Dictionary<string, string> ReadAbbreviations(JsonElement root, List<LexiconError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("abbreviations", out var element))
        {
            return result;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LexiconError("abbreviations", "must be an object of \"short\": \"standard form\""));
            return result;
        }

        foreach (var property in element.EnumerateObject())
        {
            var path = $"abbreviations.{property.Name}";
            var key = property.Name.Trim().ToLowerInvariant();
            if (key.Length == 0 || key.Any(c => !char.IsLetterOrDigit(c)))
            {
                errors.Add(new LexiconError(path, "an abbreviation must be one word of letters or digits"));
            }
            else if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
            {
                errors.Add(new LexiconError(path, "the standard form must be a non-empty string"));
            }
            else if (!result.TryAdd(key, property.Value.GetString()!.Trim()))
            {
                errors.Add(new LexiconError(path, "listed twice"));
            }
        }

        return result;
    }

    private static List<string> ReadWordList(JsonElement parent, string name, List<LexiconError> errors, string prefix = "")
    {
        var result = new List<string>();
        if (!parent.TryGetProperty(name, out var element))
        {
            return result;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new LexiconError(prefix + name, "must be an array of strings"));
            return result;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim().ToLowerInvariant() : null;
            if (string.IsNullOrEmpty(text))
            {
                errors.Add(new LexiconError($"{prefix}{name}[{index}]", "empty word"));
            }
            else
            {
                result.Add(text);
            }

            index++;
        }

        return result;
    }

    private static double[]? ReadTargetWeights(JsonElement parent, string name, List<LexiconError> errors, string prefix)
    {
        if (!parent.TryGetProperty(name, out var element))
        {
            return null;
        }

        var path = prefix + name;
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LexiconError(path, "must be an object of target: weight"));
            return null;
        }

        var weights = new double[Lexicon.TargetCount];
        foreach (var property in element.EnumerateObject())
        {
            var target = IndexOf(Lexicon.Targets, property.Name);
            if (target < 0)
            {
                errors.Add(new LexiconError($"{path}.{property.Name}",
                    $"unknown stage or flag '{property.Name}' (expected one of {string.Join(", ", Lexicon.Targets)})"));
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || !double.IsFinite(property.Value.GetDouble()))
            {
                errors.Add(new LexiconError($"{path}.{property.Name}", "the weight must be a finite number"));
            }
            else
            {
                weights[target] = property.Value.GetDouble();
            }
        }

        return weights;
    }

    private static double[][]? ReadStageToFlags(JsonElement root, string name, List<LexiconError> errors)
    {
        if (!root.TryGetProperty(name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LexiconError(name, "must be an object with complaint and sales tables"));
            return null;
        }

        double[][] result = [new double[6], new double[6]];
        foreach (var flag in element.EnumerateObject())
        {
            var row = flag.Name switch { "complaint" => 0, "sales" => 1, _ => -1 };
            if (row < 0)
            {
                errors.Add(new LexiconError($"{name}.{flag.Name}", $"unknown flag '{flag.Name}' (expected complaint or sales)"));
                continue;
            }

            var weights = ReadTargetWeights(element, flag.Name, errors, name + ".");
            if (weights is null)
            {
                continue;
            }

            if (weights.Skip(6).Any(x => x != 0))
            {
                errors.Add(new LexiconError($"{name}.{flag.Name}", "only stages may be listed here"));
            }

            Array.Copy(weights, result[row], 6);
        }

        return result;
    }

    private static List<CueGroup> ReadGroups(JsonElement root, Normaliser normaliser, List<LexiconError> errors)
    {
        var groups = new List<CueGroup>();
        if (!root.TryGetProperty("groups", out var element) || element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new LexiconError("groups", "required: an array of cue groups"));
            return groups;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var builtins = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var g in element.EnumerateArray())
        {
            var group = ReadGroup(g, index++, normaliser, names, builtins, errors);
            if (group is not null)
            {
                groups.Add(group);
            }
        }

        CheckCombinations(groups, errors);
        return groups;
    }

    /// <summary>A combination group names two or more distinct groups that match words or patterns.</summary>
    private static void CheckCombinations(List<CueGroup> groups, List<LexiconError> errors)
    {
        var byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        foreach (var group in groups.Where(g => g.AllOf.Count > 0))
        {
            for (var i = 0; i < group.AllOf.Count; i++)
            {
                var part = group.AllOf[i];
                var path = $"groups[{group.Name}].all[{i}]";
                if (!byName.TryGetValue(part, out var target))
                {
                    errors.Add(new LexiconError(path, $"unknown group '{part}'"));
                }
                else if (target.AllOf.Count > 0 || target.Builtin is not null)
                {
                    errors.Add(new LexiconError(path, $"'{part}' is a combination or builtin group; name groups that match words or patterns"));
                }
                else if (group.AllOf.Take(i).Contains(part))
                {
                    errors.Add(new LexiconError(path, $"'{part}' is named twice"));
                }
            }
        }
    }

    private static CueGroup? ReadGroup(JsonElement g, int index, Normaliser normaliser, HashSet<string> names,
        HashSet<string> builtins, List<LexiconError> errors)
    {
        var errorCount = errors.Count;
        if (g.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new LexiconError($"groups[{index}]", "a cue group must be an object"));
            return null;
        }

        var name = g.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : "";
        var path = name.Length > 0 ? $"groups[{name}]" : $"groups[{index}]";
        UnknownProperties(g, path, GroupProperties, errors);
        if (name.Length == 0)
        {
            errors.Add(new LexiconError(path, "missing name"));
        }
        else if (!names.Add(name))
        {
            errors.Add(new LexiconError(path, $"duplicate group name '{name}'"));
        }

        var reason = g.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : "";
        if (reason.Length == 0)
        {
            errors.Add(new LexiconError(path + ".reason", "missing: the short explanation shown to agents as evidence"));
        }

        var kind = CueKind.Cue;
        if (g.TryGetProperty("kind", out var k))
        {
            var text = k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            if (!Enum.TryParse(text, ignoreCase: true, out kind) || int.TryParse(text, CultureInfo.InvariantCulture, out _))
            {
                errors.Add(new LexiconError(path + ".kind", $"unknown kind '{text ?? k.ToString()}' (expected cue, failure, praise or resolved)"));
            }
        }

        var negatable = false;
        if (g.TryGetProperty("negatable", out var neg))
        {
            if (neg.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                negatable = neg.GetBoolean();
            }
            else
            {
                errors.Add(new LexiconError(path + ".negatable", "must be true or false"));
            }
        }

        string? builtin = null;
        if (g.TryGetProperty("builtin", out var b))
        {
            builtin = b.ValueKind == JsonValueKind.String ? b.GetString() : null;
            if (builtin is null || !Builtins.Contains(builtin))
            {
                errors.Add(new LexiconError(path + ".builtin", $"unknown builtin '{b}' (expected one of {string.Join(", ", Builtins)})"));
            }
            else if (!builtins.Add(builtin))
            {
                errors.Add(new LexiconError(path + ".builtin", $"builtin '{builtin}' is used by two groups"));
            }
        }

        var phrases = new List<CuePhrase>();
        foreach (var language in PhraseLanguages)
        {
            if (!g.TryGetProperty(language, out var list))
            {
                continue;
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new LexiconError($"{path}.{language}", "must be an array of phrases"));
                continue;
            }

            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{path}.{language}[{i++}]";
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
                if (string.IsNullOrEmpty(text))
                {
                    errors.Add(new LexiconError(itemPath, "empty phrase"));
                }
                else if (normaliser.NormalisePhrase(text).Length == 0)
                {
                    errors.Add(new LexiconError(itemPath, $"phrase '{text}' has no word, number or emoji in it"));
                }
                else if (normaliser.NormalisePhrase(text).All(t => t == CueMatcher.NumberWildcard))
                {
                    errors.Add(new LexiconError(itemPath, $"phrase '{text}' would match every number"));
                }
                else
                {
                    phrases.Add(new CuePhrase(language, text));
                }
            }
        }

        var patterns = new List<string>();
        if (g.TryGetProperty("patterns", out var p))
        {
            if (p.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new LexiconError(path + ".patterns", "must be an array of regular expressions"));
            }
            else
            {
                var i = 0;
                foreach (var item in p.EnumerateArray())
                {
                    var itemPath = $"{path}.patterns[{i++}]";
                    var text = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        errors.Add(new LexiconError(itemPath, "empty pattern"));
                        continue;
                    }

                    try
                    {
                        _ = new Regex(text, PatternOptions & ~RegexOptions.Compiled, PatternTimeout);
                        patterns.Add(text);
                    }
                    catch (ArgumentException e)
                    {
                        errors.Add(new LexiconError(itemPath, $"invalid regex '{text}': {e.Message}"));
                    }
                }
            }
        }

        var allOf = new List<string>();
        if (g.TryGetProperty("all", out var all))
        {
            if (all.ValueKind != JsonValueKind.Array || all.GetArrayLength() < 2
                || all.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(e.GetString())))
            {
                errors.Add(new LexiconError(path + ".all", "must be an array of two or more group names"));
            }
            else
            {
                allOf.AddRange(all.EnumerateArray().Select(e => e.GetString()!.Trim()));
            }
        }

        if (builtin is null && allOf.Count == 0 && phrases.Count == 0 && patterns.Count == 0 && errors.Count == errorCount)
        {
            errors.Add(new LexiconError(path, "a group needs at least one phrase (en, id or any) or pattern"));
        }

        if (builtin is not null && (phrases.Count > 0 || patterns.Count > 0 || allOf.Count > 0))
        {
            errors.Add(new LexiconError(path, "a builtin group has no phrases, patterns or combination"));
        }

        if (allOf.Count > 0 && (phrases.Count > 0 || patterns.Count > 0))
        {
            errors.Add(new LexiconError(path, "a combination group ('all') has no phrases or patterns of its own"));
        }

        var prior = ReadTargetWeights(g, "prior", errors, path + ".") ?? new double[Lexicon.TargetCount];
        var weights = ReadTargetWeights(g, "weights", errors, path + ".");
        return errors.Count > errorCount ? null
            : new CueGroup(name, reason, kind, negatable, builtin, phrases, patterns, allOf, prior, weights);
    }

    private static void UnknownProperties(JsonElement element, string path, string[] allowed, List<LexiconError> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                errors.Add(new LexiconError($"{path}.{property.Name}".Replace("$.", "", StringComparison.Ordinal),
                    $"unknown property '{property.Name}' (expected one of {string.Join(", ", allowed)})"));
            }
        }
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }

    private static bool IsLearnedStem(string stem)
    {
        var words = stem.Split(' ');
        return words.Length <= 2 && words.All(w => w.Length > 0 && w.All(c => char.IsLetterOrDigit(c) && !char.IsUpper(c)));
    }
}
