using System.Security.Cryptography;

namespace CxInbox.Channels.Tests.Providers;

public class ProviderFixtureTests
{
    private static IEnumerable<TestCaseData> ListedFixtures() =>
        ProviderData.Fixtures.Keys.Order(StringComparer.Ordinal)
            .Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [TestCaseSource(nameof(ListedFixtures))]
    public void Fixture_file_has_the_listed_size_and_sha256(string fileName)
    {
        var facts = ProviderData.Fixtures[fileName];

        var bytes = ProviderData.Fixture(fileName);

        // A git client or editor that converts line endings changes both; the signatures would no longer match.
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bytes, Has.Length.EqualTo(facts.Bytes));
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(bytes)), Is.EqualTo(facts.Sha256));
        }
    }

    [Test]
    public void Every_fixture_file_is_listed_in_the_vectors()
    {
        var files = Directory.GetFiles(ProviderData.PathOf("fixtures")).Select(Path.GetFileName);

        Assert.That(files, Is.EquivalentTo(ProviderData.Fixtures.Keys));
    }

    private static IEnumerable<TestCaseData> FixtureVectors() =>
        ProviderData.Twilio.Where(v => v.Fixture is not null)
            .Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    [TestCaseSource(nameof(FixtureVectors))]
    public void Fixture_based_vector_signs_the_fixture_file_byte_for_byte(TwilioVector vector)
    {
        var fixture = ProviderData.Fixture(vector.Fixture!);

        Assert.That(vector.RawBody, Is.EqualTo(fixture));
    }
}
