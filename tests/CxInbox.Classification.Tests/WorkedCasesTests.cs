namespace CxInbox.Classification.Tests;

/// <summary>The worked ambiguous cases of the labelling guidelines (messages-dev README §5): the spec, so each must
/// come out exactly as the table says.</summary>
public class WorkedCasesTests
{
    private static readonly MessageClassifier Classifier = MessageClassifier.Default;

    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Where is my order, it's 2 weeks late", JourneyStage.Delivery, true, false);
        yield return Case("I want to return this and buy the bigger size", JourneyStage.Return, false, true);
        yield return Case("The dog bed is too small for my lab, can I swap for the large and pay the difference?", JourneyStage.Return, false, true);
        yield return Case("Trail runners split at the seam after 2 weeks, I'd like to return them; can I exchange for the Runner X and pay the difference?", JourneyStage.Return, true, true);
        yield return Case("The lamp arrived cracked. Replace it please.", JourneyStage.Return, true, false);
        yield return Case("Cancel my order pls. 9 days and still 'processing'. Want my money back.", JourneyStage.Return, true, false);
        yield return Case("Lost parcel number three this year. Amazing service 👏", JourneyStage.Delivery, true, false);
        yield return Case("My flight was moved 6 hours later without notice, what compensation do I get?", JourneyStage.Delivery, true, false);
        yield return Case("Voucher buy 1 get 1 dari app gak bisa dipake di outlet… mau beli 2 nih", JourneyStage.Promotion, true, true);
        yield return Case("The 'free gift' was a sample sachet, your ad showed a full-size bottle", JourneyStage.Promotion, true, false);
        yield return Case("Last stay the room smelled of smoke. Anyway, what's the rate for two nights next week?", JourneyStage.Transaction, true, true);
        yield return Case("Quoted 900k/day on the phone, invoice says 1.2m. Never mind, rented from someone else.", JourneyStage.Transaction, true, false);
        yield return Case("The AC in our rental car died this morning, can you swap it?", JourneyStage.Support, true, false);
        yield return Case("Looking back, the tour schedule was far too packed", JourneyStage.Insight, true, false);
        yield return Case("Meja makan mulai retak, mohon dijadwalkan teknisi (masih garansi)", JourneyStage.Support, true, false);
        yield return Case("Already repaired twice and still broken. I want a new unit or my money back.", JourneyStage.Return, true, false);
        yield return Case("Wi-Fi upstairs is useless… if you sell a mesh extender I'd buy it", JourneyStage.Support, true, true);
        yield return Case("You keep billing me for an add-on I never ordered, take it off my account", JourneyStage.Support, true, false);
        yield return Case("Unsubscribed last month but my card is still charged. Give my money back!", JourneyStage.Return, true, false);
        yield return Case("STOP promos. Thanks.", JourneyStage.Promotion, false, false);
        yield return Case("Please cancel my subscription at the end of this cycle. No problems with the service.", JourneyStage.Return, false, false);
        yield return Case("Do you ship internationally? Want to send 10 books to Malaysia", JourneyStage.Delivery, false, true);
        yield return Case("Paid invoice INV-5521 for the 3 sofas, pls confirm", JourneyStage.Transaction, false, false);
        yield return Case("harga?", JourneyStage.Transaction, false, true);
        yield return Case("refund pls", JourneyStage.Return, false, false);
        yield return Case("mau refund", JourneyStage.Return, false, false);
        yield return Case("Survei: pengiriman cepat, sayur segar, harga wajar. Tdk ada keluhan.", JourneyStage.Insight, false, false);
        yield return Case("This ad with the old grandpa and his cat 😭 well done", JourneyStage.Promotion, false, false);
        yield return Case("Evening classes are overcrowded… I'd happily pay for a premium tier if it guaranteed places", JourneyStage.Insight, true, true);
        yield return Case("Any restock of the blue mug soon? 🙏", JourneyStage.Transaction, false, true);
        yield return Case("You've promised a restock three times now, still nothing. I still want two.", JourneyStage.Transaction, true, true);
    }

    [TestCaseSource(nameof(Cases))]
    public void Worked_case_is_tagged_as_the_guidelines_say(string text, JourneyStage stage, bool complaint, bool sales)
    {
        var result = Classifier.Classify(text);

        Assert.Multiple(() =>
        {
            Assert.That(result.Stage, Is.EqualTo(stage), "stage");
            Assert.That(result.Complaint, Is.EqualTo(complaint), "complaint");
            Assert.That(result.SalesOpportunity, Is.EqualTo(sales), "sales opportunity");
        });
    }

    private static TestCaseData Case(string text, JourneyStage stage, bool complaint, bool sales) =>
        new TestCaseData(text, stage, complaint, sales).SetName($"{{m}}: {Shorten(text)}");

    private static string Shorten(string text) => text.Length <= 50 ? text : text[..50] + "…";
}
