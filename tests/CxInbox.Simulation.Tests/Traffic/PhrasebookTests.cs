using CxInbox.Classification;
using CxInbox.Simulation.Traffic;

namespace CxInbox.Simulation.Tests.Traffic;

/// <summary>The simulated customers must say what their intent claims, or a demo shows mislabelled traffic and a load
/// test routes it to the wrong team. The shipped classifier is the judge.</summary>
public sealed class PhrasebookTests
{
    public static IEnumerable<TestCaseData> Openers() => Phrasebook.Openers.Select(line =>
        new TestCaseData(line).SetArgDisplayNames(Fill(line.Template, line.Intent.Language)));

    [TestCaseSource(nameof(Openers))]
    public void The_classifier_finds_the_intended_stage_complaint_and_language(Phrasebook.Line line)
    {
        var text = Fill(line.Template, line.Intent.Language);

        var result = MessageClassifier.Default.Classify(text);

        Assert.That((result.StageName, result.Complaint, result.Language),
            Is.EqualTo((line.Intent.Stage.ToString().ToLowerInvariant(), line.Intent.Complaint, Wire(line.Intent.Language))), text);
    }

    [TestCaseSource(nameof(Openers))]
    public void A_sales_question_is_a_sales_opportunity(Phrasebook.Line line)
    {
        var text = Fill(line.Template, line.Intent.Language);

        var result = MessageClassifier.Default.Classify(text);

        Assert.That(result.SalesOpportunity, Is.EqualTo(line.Intent.SalesQuestion), text);
    }

    [Test]
    public void Every_stage_has_an_opener_in_every_language()
    {
        var pairs = Phrasebook.Openers.Select(l => (l.Intent.Stage, l.Intent.Language)).Distinct().Count();

        Assert.That(pairs, Is.EqualTo(Enum.GetValues<JourneyStageName>().Length * Enum.GetValues<SimulatedLanguage>().Length));
    }

    private static string Fill(string template, SimulatedLanguage language) =>
        template.Replace("{order}", "#482193", StringComparison.Ordinal).Replace("{product}", Phrasebook.Products[language][0], StringComparison.Ordinal);

    private static string Wire(SimulatedLanguage language) => language switch
    {
        SimulatedLanguage.English => "en",
        SimulatedLanguage.Indonesian => "id",
        _ => "mixed",
    };
}
