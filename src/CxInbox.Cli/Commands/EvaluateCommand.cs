using CxInbox.Classification;
using CxInbox.Classification.Evaluation;
using CxInbox.Classification.Training;

namespace CxInbox.Cli.Commands;

internal static class EvaluateCommand
{
    public static int Run(IEnumerable<string> args)
    {
        var options = new CliArguments(args, ["input", "train", "lexicon", "folds", "l2", "word-l2", "min-word-messages", "max-word-share", "iterations", "predictions"]);
        var inputs = options.All("input");
        if (inputs.Count == 0)
        {
            throw new CliException("missing option --input", 2);
        }

        var lexicon = LexiconCommands.Load(options.Optional("lexicon"));
        var messages = inputs.SelectMany(MessageFile.Read).Select(l => l.Message).ToList();
        var extra = options.All("train").SelectMany(MessageFile.Read).Select(l => l.Message).ToList();
        var training = TrainCommand.Options(options);
        var folds = options.Int("folds", 0, 0, 100);
        var title = string.Join(" + ", inputs.Select(Path.GetFileName));
        IReadOnlyList<(LabelledMessage, ClassificationResult)> results;
        if (folds >= 2)
        {
            results = CrossValidate(lexicon, messages, extra, folds, training);
            title += $" ({folds}-fold cross-validated" + (extra.Count > 0 ? $", +{extra.Count} training messages per fold)" : ")");
        }
        else
        {
            if (extra.Count > 0)
            {
                lexicon = LexiconTrainer.Train(lexicon, extra, training);
                title += $" (trained on {string.Join(" + ", options.All("train").Select(Path.GetFileName))})";
            }

            var classifier = new MessageClassifier(lexicon);
            results = messages.Select(m => (m, classifier.Classify(m.Text, m.Channel))).ToList();
        }

        if (!results.Any(r => r.Item1.HasGold))
        {
            throw new CliException("the input has no gold labels (journey_stage, complaint, sales_opportunity) to evaluate against");
        }

        if (options.Optional("predictions") is { } predictions)
        {
            // The messages with what they were classified as (out of fold under --folds): for reading the errors.
            var fields = inputs.SelectMany(MessageFile.Read).Select(l => l.Fields);
            ClassifyCommand.Write(predictions, fields.Zip(results, (f, r) => (f, r.Item2)));
        }

        ReportPrinter.Print(title, results);
        return 0;
    }

    private static List<(LabelledMessage, ClassificationResult)> CrossValidate(
        CxInbox.Classification.Lexicons.Lexicon lexicon, List<LabelledMessage> messages, List<LabelledMessage> extra, int folds,
        TrainingOptions training)
    {
        if (extra.Count == 0)
        {
            return [.. CrossValidation.Run(lexicon, messages, folds, training)];
        }

        var results = new (LabelledMessage, ClassificationResult)[messages.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var train = messages.Where((_, i) => i % folds != fold).Concat(extra).ToList();
            var classifier = new MessageClassifier(LexiconTrainer.Train(lexicon, train, training));
            for (var i = fold; i < messages.Count; i += folds)
            {
                results[i] = (messages[i], classifier.Classify(messages[i].Text, messages[i].Channel));
            }
        }

        return [.. results];
    }
}
