using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Training;

namespace CxInbox.Cli.Commands;

internal static class TrainCommand
{
    public static int Run(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["input", "lexicon", "output", "l2", "word-l2", "min-word-messages", "max-word-share", "iterations"]);
        var inputs = options.All("input");
        if (inputs.Count == 0)
        {
            throw new CliException("missing option --input", 2);
        }

        var output = options.Required("output");
        var lexicon = LexiconCommands.Load(options.Optional("lexicon"));
        var messages = inputs.SelectMany(MessageFile.Read).Select(l => l.Message).ToList();
        var training = Options(options);
        var trained = LexiconTrainer.Train(lexicon, messages, training);
        File.WriteAllText(output, LexiconWriter.Write(trained));
        Console.Error.WriteLine($"trained {trained.Groups.Count} cue groups " +
            $"and {trained.LearnedWords.Count} learned words on {messages.Count} messages " +
            $"(l2 {training.L2}, word l2 {training.WordL2}, {training.Iterations} iterations) into {output}");
        return 0;
    }

    /// <summary>The training options shared by <c>train</c> and <c>evaluate --folds</c>.</summary>
    public static TrainingOptions Options(CliArguments options)
    {
        var defaults = new TrainingOptions();
        return new TrainingOptions(L2: options.Double("l2", defaults.L2),
            Iterations: options.Int("iterations", defaults.Iterations, 1, 100_000),
            WordL2: options.Double("word-l2", defaults.WordL2),
            MinWordMessages: options.Int("min-word-messages", defaults.MinWordMessages, 1, 1_000_000),
            MaxWordShare: options.Double("max-word-share", defaults.MaxWordShare));
    }
}
