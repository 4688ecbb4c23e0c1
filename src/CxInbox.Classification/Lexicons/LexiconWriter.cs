using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CxInbox.Classification.Lexicons;

/// <summary>Writes a lexicon in the format <see cref="LexiconParser"/> reads, laid out for people to edit: one group
/// per block, word lists wrapped, weights with three decimals and zeros left out.</summary>
public static class LexiconWriter
{
    private const int LineWidth = 120;

    public static string Write(Lexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var sb = new StringBuilder();
        sb.Append("{\n  \"version\": 1,\n");
        if (lexicon.Description is not null)
        {
            sb.Append("  \"description\": ").Append(Quote(lexicon.Description)).Append(",\n");
        }

        sb.Append("  \"abbreviations\": {");
        AppendWrapped(sb, lexicon.Abbreviations.Select(a => $"{Quote(a.Key)}: {Quote(a.Value)}"), "    ");
        sb.Append("\n  },\n");
        sb.Append("  \"negators\": [");
        AppendWrapped(sb, lexicon.Negators.Select(Quote), "    ");
        sb.Append("\n  ],\n");
        sb.Append(CultureInfo.InvariantCulture, $"  \"negationWindow\": {lexicon.NegationWindow},\n");
        sb.Append("  \"languages\": {\n");
        AppendList(sb, "en", lexicon.EnglishWords, "    ", last: false);
        AppendList(sb, "id", lexicon.IndonesianWords, "    ", last: false);
        AppendList(sb, "loanwords", lexicon.Loanwords, "    ", last: true);
        sb.Append("  },\n");
        sb.Append("  \"bias\": ").Append(Weights(lexicon.PriorBias)).Append(",\n");
        if (lexicon.TrainedBias is not null)
        {
            sb.Append("  \"trainedBias\": ").Append(Weights(lexicon.TrainedBias)).Append(",\n");
        }

        sb.Append("  \"stageToFlags\": ").Append(StageToFlags(lexicon.PriorStageToFlags)).Append(",\n");
        if (lexicon.TrainedStageToFlags is not null)
        {
            sb.Append("  \"trainedStageToFlags\": ").Append(StageToFlags(lexicon.TrainedStageToFlags)).Append(",\n");
        }

        sb.Append("  \"groups\": [\n");
        for (var i = 0; i < lexicon.Groups.Count; i++)
        {
            AppendGroup(sb, lexicon.Groups[i]);
            sb.Append(i < lexicon.Groups.Count - 1 ? ",\n" : "\n");
        }

        sb.Append("  ]");
        if (lexicon.LearnedWords.Count > 0)
        {
            sb.Append(",\n  \"learnedWords\": {\n");
            for (var i = 0; i < lexicon.LearnedWords.Count; i++)
            {
                var word = lexicon.LearnedWords[i];
                sb.Append("    ").Append(Quote(word.Stem)).Append(": ").Append(Weights(word.Weights));
                sb.Append(i < lexicon.LearnedWords.Count - 1 ? ",\n" : "\n");
            }

            sb.Append("  }");
        }

        sb.Append("\n}\n");
        return sb.ToString();
    }

    private static void AppendGroup(StringBuilder sb, CueGroup group)
    {
        sb.Append("    { \"name\": ").Append(Quote(group.Name)).Append(", \"reason\": ").Append(Quote(group.Reason));
        if (group.Kind != CueKind.Cue)
        {
            sb.Append(", \"kind\": ").Append(Quote(group.Kind.ToString().ToLowerInvariant()));
        }

        if (group.Negatable)
        {
            sb.Append(", \"negatable\": true");
        }

        if (group.Builtin is not null)
        {
            sb.Append(", \"builtin\": ").Append(Quote(group.Builtin));
        }

        if (group.AllOf.Count > 0)
        {
            sb.Append(", \"all\": [").Append(string.Join(", ", group.AllOf.Select(Quote))).Append(']');
        }

        sb.Append(",\n      \"prior\": ").Append(Weights(group.PriorWeights));
        if (group.TrainedWeights is not null)
        {
            sb.Append(",\n      \"weights\": ").Append(Weights(group.TrainedWeights));
        }

        foreach (var language in new[] { "en", "id", "any" })
        {
            var phrases = group.Phrases.Where(p => p.Language == language).Select(p => p.Text).ToList();
            if (phrases.Count > 0)
            {
                sb.Append(",\n      ").Append(Quote(language)).Append(": [");
                AppendWrapped(sb, phrases.Select(Quote), "        ");
                sb.Append(']');
            }
        }

        if (group.Patterns.Count > 0)
        {
            sb.Append(",\n      \"patterns\": [").Append(string.Join(", ", group.Patterns.Select(Quote))).Append(']');
        }

        sb.Append(" }");
    }

    private static void AppendList(StringBuilder sb, string name, IReadOnlyList<string> words, string indent, bool last)
    {
        sb.Append(indent).Append(Quote(name)).Append(": [");
        AppendWrapped(sb, words.Select(Quote), indent + "  ");
        sb.Append('\n').Append(indent).Append(last ? "]\n" : "],\n");
    }

    private static void AppendWrapped(StringBuilder sb, IEnumerable<string> items, string indent)
    {
        var list = items.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var line = new StringBuilder(indent);
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i] + (i < list.Count - 1 ? "," : "");
            if (line.Length > indent.Length && line.Length + 1 + item.Length > LineWidth)
            {
                sb.Append('\n').Append(line.ToString().TrimEnd());
                line.Clear().Append(indent);
            }

            line.Append(item).Append(' ');
        }

        sb.Append('\n').Append(line.ToString().TrimEnd());
    }

    private static string Weights(IReadOnlyList<double> weights)
    {
        var parts = new List<string>();
        for (var t = 0; t < weights.Count; t++)
        {
            if (weights[t] != 0)
            {
                parts.Add($"{Quote(Lexicon.Targets[t])}: {weights[t].ToString("0.###", CultureInfo.InvariantCulture)}");
            }
        }

        return parts.Count == 0 ? "{}" : "{ " + string.Join(", ", parts) + " }";
    }

    private static string StageToFlags(IReadOnlyList<IReadOnlyList<double>> table) =>
        $"{{ \"complaint\": {Weights(table[0])}, \"sales\": {Weights(table[1])} }}";

    private static string Quote(string text) => JsonSerializer.Serialize(text, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
