using CxInbox.Classification.Evaluation;
using CxInbox.Classification.Lexicons;
using CxInbox.Classification.Text;

namespace CxInbox.Classification.Training;

/// <summary>How hard training pulls the weights towards the data.</summary>
/// <param name="L2">Strength of the pull back towards each group's hand-set prior: larger keeps the lexicon closer to
/// what a person wrote, smaller fits the training messages more closely.</param>
/// <param name="Iterations">Full-batch gradient steps.</param>
/// <param name="LearningRate">Step size.</param>
/// <param name="WordL2">Strength of the pull of each learned word's weights towards zero. Weaker than the cue groups'
/// pull towards their priors, since words have no prior: a pull of 0.0002 read unseen messages better than the 0.005
/// used before the ninth pass (docs/classification.md, ninth pass).</param>
/// <param name="MinWordMessages">A word stem, or a pair of adjacent stems, becomes a learned word only when this many
/// training messages contain it.</param>
/// <param name="MaxWordShare">… and only when at most this share of them do: "the", "and", "yang" say nothing about a
/// message, and an agent shown them as evidence learns nothing.</param>
public sealed record TrainingOptions(double L2 = 0.005, int Iterations = 4000, double LearningRate = 0.2,
    double WordL2 = 0.0002, int MinWordMessages = 5, double MaxWordShare = 0.1);

/// <summary>Fits the weights of a lexicon's cue groups to labelled messages: a multinomial logistic regression for the
/// stage and one logistic regression each for complaint and sales, over the presence of each cue group, regularised
/// towards the hand-set priors. The cue groups themselves (words, phrases, patterns) are never changed, so the evidence
/// stays the lexicon's own words, and a phrase added to a group later inherits the group's weights. Deterministic: the
/// same lexicon and messages give the same weights.</summary>
public static class LexiconTrainer
{
    public static Lexicon Train(Lexicon lexicon, IReadOnlyList<LabelledMessage> examples, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new TrainingOptions();
        var stems = SelectWords(lexicon, examples, options.MinWordMessages, options.MaxWordShare);
        var untrainedWords = stems.Select(s => new LearnedWord(s, new double[Lexicon.TargetCount])).ToList();
        var extractor = new MessageClassifier(lexicon.WithTrainedWeights([.. lexicon.Bias],
            [.. lexicon.StageToFlags.Select(r => r.ToArray())], [.. lexicon.Groups.Select(g => g.Weights.ToArray())], untrainedWords));
        var features = examples.Select(e => extractor.Analyse(e.Text)).ToList();
        var groups = lexicon.Groups.Count;
        var prior = lexicon.Groups.Select(g => g.PriorWeights.ToArray())
            .Concat(stems.Select(_ => new double[Lexicon.TargetCount])).ToArray();
        var l2 = prior.Select((_, i) => i < groups ? options.L2 : options.WordL2).ToArray();
        var weights = prior.Select(p => (double[])p.Clone()).ToArray();
        var bias = lexicon.PriorBias.ToArray();
        var priorFlags = lexicon.PriorStageToFlags.Select(r => r.ToArray()).ToArray();
        var flags = priorFlags.Select(r => (double[])r.Clone()).ToArray();

        FitStages(examples, features, weights, prior, l2, bias, options);

        var predicted = features.Select(f => MessageClassifier.Score(f, weights, bias, flags).Stage).ToArray();
        FitFlag(Lexicon.ComplaintTarget, 0, examples.Select(e => e.Complaint).ToArray(), features, predicted, weights, prior,
            l2, bias, flags, priorFlags, options);
        FitFlag(Lexicon.SalesTarget, 1, examples.Select(e => e.SalesOpportunity).ToArray(), features, predicted, weights, prior,
            l2, bias, flags, priorFlags, options);

        var learned = stems.Select((stem, i) => new LearnedWord(stem, Round(weights[groups + i])))
            .Where(w => w.Weights.Any(x => x != 0)).ToList();
        return lexicon.WithTrainedWeights(Round(bias), flags.Select(Round).ToArray(), weights.Take(groups).Select(Round).ToList(),
            learned);
    }

    /// <summary>The word stems seen in at least <paramref name="minMessages"/> training messages and in at most
    /// <paramref name="maxShare"/> of them, in ordinal order so that training is deterministic.</summary>
    private static List<string> SelectWords(Lexicon lexicon, IReadOnlyList<LabelledMessage> examples, int minMessages,
        double maxShare)
    {
        var reader = new MessageClassifier(lexicon);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var example in examples)
        {
            foreach (var stem in reader.Stems(example.Text))
            {
                counts[stem] = counts.GetValueOrDefault(stem) + 1;
            }
        }

        var maxMessages = maxShare * examples.Count;
        return [.. counts.Where(c => c.Value >= minMessages && c.Value <= maxMessages).Select(c => c.Key).Order(StringComparer.Ordinal)];
    }

    private static void FitStages(IReadOnlyList<LabelledMessage> examples, List<MessageFeatures> features, double[][] weights,
        double[][] prior, double[] l2, double[] bias, TrainingOptions options)
    {
        var rows = Enumerable.Range(0, examples.Count).Where(i => examples[i].Stage is not null).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        var gradW = weights.Select(_ => new double[6]).ToArray();
        var gradB = new double[6];
        var z = new double[6];
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            foreach (var g in gradW)
            {
                Array.Clear(g);
            }

            Array.Clear(gradB);
            foreach (var i in rows)
            {
                var cues = features[i].Cues;
                for (var k = 0; k < 6; k++)
                {
                    z[k] = bias[k];
                }

                foreach (var cue in cues)
                {
                    if (cue.Value > 0)
                    {
                        for (var k = 0; k < 6; k++)
                        {
                            z[k] += weights[cue.Group][k] * cue.Value;
                        }
                    }
                }

                var max = z.Max();
                var sum = 0.0;
                for (var k = 0; k < 6; k++)
                {
                    z[k] = Math.Exp(z[k] - max);
                    sum += z[k];
                }

                var gold = (int)examples[i].Stage!.Value;
                for (var k = 0; k < 6; k++)
                {
                    var d = z[k] / sum - (k == gold ? 1 : 0);
                    gradB[k] += d;
                    foreach (var cue in cues)
                    {
                        if (cue.Value > 0)
                        {
                            gradW[cue.Group][k] += d * cue.Value;
                        }
                    }
                }
            }

            var n = rows.Length;
            for (var k = 0; k < 6; k++)
            {
                bias[k] -= options.LearningRate * gradB[k] / n;
            }

            for (var g = 0; g < weights.Length; g++)
            {
                for (var k = 0; k < 6; k++)
                {
                    weights[g][k] -= options.LearningRate * (gradW[g][k] / n + 2 * l2[g] * (weights[g][k] - prior[g][k]));
                }
            }
        }
    }

    private static void FitFlag(int target, int flagRow, bool?[] gold, List<MessageFeatures> features, JourneyStage[] stages,
        double[][] weights, double[][] prior, double[] l2, double[] bias, double[][] flags, double[][] priorFlags,
        TrainingOptions options)
    {
        var rows = Enumerable.Range(0, gold.Length).Where(i => gold[i] is not null).ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        var gradW = new double[weights.Length];
        var gradS = new double[6];
        for (var iteration = 0; iteration < options.Iterations; iteration++)
        {
            Array.Clear(gradW);
            Array.Clear(gradS);
            var gradB = 0.0;
            foreach (var i in rows)
            {
                var stage = (int)stages[i];
                var z = bias[target] + flags[flagRow][stage];
                foreach (var cue in features[i].Cues)
                {
                    z += weights[cue.Group][target] * cue.Value;
                }

                var d = 1 / (1 + Math.Exp(-z)) - (gold[i]!.Value ? 1 : 0);
                gradB += d;
                gradS[stage] += d;
                foreach (var cue in features[i].Cues)
                {
                    gradW[cue.Group] += d * cue.Value;
                }
            }

            var n = rows.Length;
            bias[target] -= options.LearningRate * gradB / n;
            for (var k = 0; k < 6; k++)
            {
                flags[flagRow][k] -= options.LearningRate * (gradS[k] / n + 2 * options.L2 * (flags[flagRow][k] - priorFlags[flagRow][k]));
            }

            for (var g = 0; g < weights.Length; g++)
            {
                weights[g][target] -= options.LearningRate * (gradW[g] / n + 2 * l2[g] * (weights[g][target] - prior[g][target]));
            }
        }
    }

    private static double[] Round(double[] values) => values.Select(v => Math.Round(v, 3)).ToArray();
}
