using CxInbox.Classification.Evaluation;
using CxInbox.Classification.Lexicons;

namespace CxInbox.Classification.Training;

/// <summary>k-fold cross-validation of <see cref="LexiconTrainer"/>: every message is classified by weights trained
/// without it. Folds are assigned by position (message i goes to fold i mod k), so a run is reproducible.</summary>
public static class CrossValidation
{
    public static IReadOnlyList<(LabelledMessage Gold, ClassificationResult Predicted)> Run(Lexicon lexicon,
        IReadOnlyList<LabelledMessage> messages, int folds, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var results = new (LabelledMessage, ClassificationResult)[messages.Count];
        for (var fold = 0; fold < folds; fold++)
        {
            var training = messages.Where((_, i) => i % folds != fold).ToList();
            var classifier = new MessageClassifier(LexiconTrainer.Train(lexicon, training, options));
            for (var i = fold; i < messages.Count; i += folds)
            {
                results[i] = (messages[i], classifier.Classify(messages[i].Text, messages[i].Channel));
            }
        }

        return results;
    }
}
