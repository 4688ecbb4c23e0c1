using System.Text.Json;
using System.Text.Json.Nodes;
using CxInbox.Classification;
using CxInbox.Classification.Evaluation;

namespace CxInbox.Cli;

/// <summary>One line of a JSON Lines input: the object as read (every field is passed through to the output) and the
/// message the classifier sees (id, text, channel, and gold labels for evaluation; never <c>note</c>).</summary>
internal sealed record InputLine(JsonObject Fields, LabelledMessage Message);

internal static class MessageFile
{
    public static List<InputLine> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"input file '{path}' not found", 2);
        }

        var lines = new List<InputLine>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            lines.Add(Parse(line, $"{path} line {number}"));
        }

        return lines;
    }

    private static InputLine Parse(string line, string where)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new CliException($"{where}: not valid JSON ({e.Message.Split(". ")[0]})");
        }

        if (node is not JsonObject fields)
        {
            throw new CliException($"{where}: expected a JSON object with at least \"id\" and \"text\"");
        }

        var id = fields["id"] is JsonValue idValue && (idValue.TryGetValue<string>(out var s) || idValue.TryGetValue<long>(out _))
            ? s ?? idValue.ToJsonString()
            : throw new CliException($"{where}: missing \"id\" (a string)");
        var text = fields["text"] is JsonValue t && t.TryGetValue<string>(out var textValue)
            ? textValue
            : throw new CliException($"{where}: missing \"text\" (a string)");
        var channel = OptionalString(fields, "channel", where);
        var language = OptionalString(fields, "language", where);
        if (language is not null and not ("en" or "id" or "mixed"))
        {
            throw new CliException($"{where}: \"language\" must be en, id or mixed, not '{language}'");
        }

        JourneyStage? stage = null;
        if (OptionalString(fields, "journey_stage", where) is { } stageText)
        {
            stage = JourneyStages.TryParse(stageText, out var parsed)
                ? parsed
                : throw new CliException($"{where}: unknown journey_stage '{stageText}' (expected {string.Join(", ", JourneyStages.All.Select(x => x.ToWire()))})");
        }

        var message = new LabelledMessage(id, text, channel, language, stage, OptionalBool(fields, "complaint", where),
            OptionalBool(fields, "sales_opportunity", where));
        return new InputLine(fields, message);
    }

    private static string? OptionalString(JsonObject fields, string name, string where) => fields[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new CliException($"{where}: \"{name}\" must be a string"),
    };

    private static bool? OptionalBool(JsonObject fields, string name, string where) => fields[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new CliException($"{where}: \"{name}\" must be true or false"),
    };
}
