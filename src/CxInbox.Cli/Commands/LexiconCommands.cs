using CxInbox.Classification.Lexicons;

namespace CxInbox.Cli.Commands;

internal static class LexiconCommands
{
    public static int Validate(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["lexicon"]);
        var path = options.Required("lexicon");
        var result = LexiconParser.Parse(ReadText(path));
        if (!result.IsValid)
        {
            Console.Error.WriteLine($"{path}: {result.Errors.Count} problem(s)");
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine("  " + error);
            }

            return 1;
        }

        var lexicon = result.Lexicon!;
        Console.WriteLine($"{path}: valid ({lexicon.Groups.Count} cue groups, {lexicon.Groups.Sum(g => g.Phrases.Count)} phrases, " +
            $"{lexicon.Abbreviations.Count} abbreviations, {(lexicon.TrainedBias is null ? "prior weights only" : "trained weights")}, " +
            $"{lexicon.LearnedWords.Count} learned words)");
        return 0;
    }

    public static int Export(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["output"]);
        File.WriteAllText(options.Required("output"), Lexicon.DefaultJson());
        return 0;
    }

    /// <summary>The lexicon at <paramref name="path"/>, or the shipped one when no path is given.</summary>
    public static Lexicon Load(string? path)
    {
        if (path is null)
        {
            return Lexicon.Default;
        }

        var result = LexiconParser.Parse(ReadText(path));
        return result.Lexicon ?? throw new CliException(
            $"{path} is not a valid lexicon:\n  " + string.Join("\n  ", result.Errors));
    }

    private static string ReadText(string path) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new CliException($"lexicon file '{path}' not found", 2);
}
