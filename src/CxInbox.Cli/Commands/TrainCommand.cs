using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Training;

namespace CxInbox.Cli.Commands;

internal static class TrainCommand
{
    public static int Run(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["input", "lexicon", "output", "l2", "iterations"]);
        var inputs = options.All("input");
        if (inputs.Count == 0)
        {
            throw new CliException("missing option --input", 2);
        }

        var output = options.Required("output");
        var lexicon = LexiconCommands.Load(options.Optional("lexicon"));
        var messages = inputs.SelectMany(MessageFile.Read).Select(l => l.Message).ToList();
        var training = new TrainingOptions(L2: options.Double("l2", new TrainingOptions().L2),
            Iterations: options.Int("iterations", new TrainingOptions().Iterations, 1, 100_000));
        var trained = LexiconTrainer.Train(lexicon, messages, training);
        File.WriteAllText(output, LexiconWriter.Write(trained));
        Console.Error.WriteLine($"trained {trained.Groups.Count} cue groups on {messages.Count} messages " +
            $"(l2 {training.L2}, {training.Iterations} iterations) into {output}");
        return 0;
    }
}
