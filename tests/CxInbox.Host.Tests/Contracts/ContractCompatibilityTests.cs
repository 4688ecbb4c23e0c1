using System.Text.Json;

namespace CxInbox.Host.Tests.Contracts;

/// <summary>
/// Message contracts are the integrators' API: once published, a contract only grows. These tests compare the
/// contracts the Host ships with the record in src/CxInbox.Contracts/published-contracts.json.
/// </summary>
public sealed class ContractCompatibilityTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string RecordPath => Path.Combine(RepositoryRoot.Path, "src", "CxInbox.Contracts", "published-contracts.json");

    [Test]
    public void No_published_contract_lost_a_field_changed_a_type_or_gained_a_required_field()
    {
        var breaks = Compatibility.Breaks(Published(), PublishedContract.Current());

        Assert.That(breaks, Is.Empty,
            "Published contracts may only gain optional fields and new types (README, \"Bus events for integrators\"). " +
            "Add a new contract (e.g. a V2 record) instead of changing one.");
    }

    [Test]
    public void Every_contract_the_Host_ships_is_in_the_published_record()
    {
        var current = JsonSerializer.Serialize(PublishedContract.Current(), Json);
        if (Environment.GetEnvironmentVariable("CXINBOX_RECORD_CONTRACTS") == "1")
        {
            File.WriteAllText(RecordPath, current + "\n");
        }

        Assert.That(JsonSerializer.Serialize(Published(), Json), Is.EqualTo(current),
            "A contract was added or extended: record it with CXINBOX_RECORD_CONTRACTS=1 dotnet test tests/CxInbox.Host.Tests " +
            "(the other test still refuses incompatible changes).");
    }

    [Test]
    public void Removing_a_field_changing_a_type_or_adding_a_required_field_are_breaks_and_adding_an_optional_one_is_not()
    {
        PublishedContract[] before = [new("Demo", [new("Id", "Guid", true), new("Note", "String?", false)])];

        Assert.Multiple(() =>
        {
            Assert.That(Compatibility.Breaks(before, [new("Demo", [new("Id", "Guid", true)])]), Has.One.Contains("Demo.Note was removed"));
            Assert.That(Compatibility.Breaks(before, [new("Demo", [new("Id", "String", true), new("Note", "String?", false)])]), Has.One.Contains("Demo.Id changed from Guid to String"));
            Assert.That(Compatibility.Breaks(before, [new("Demo", [new("Id", "Guid", true), new("Note", "String?", true)])]), Has.One.Contains("Demo.Note became required"));
            Assert.That(Compatibility.Breaks(before, [new("Demo", [new("Id", "Guid", true), new("Note", "String?", false), new("Due", "DateTimeOffset", true)])]), Has.One.Contains("Demo.Due is new and required"));
            Assert.That(Compatibility.Breaks(before, []), Has.One.Contains("Demo was removed"));
            Assert.That(Compatibility.Breaks(before, [new("Demo", [new("Id", "Guid", true), new("Note", "String?", false), new("Channel", "String?", false)])]), Is.Empty);
        });
    }

    private static List<PublishedContract> Published() =>
        JsonSerializer.Deserialize<List<PublishedContract>>(File.ReadAllText(RecordPath), Json)!;
}

internal static class Compatibility
{
    public static List<string> Breaks(IReadOnlyList<PublishedContract> published, IReadOnlyList<PublishedContract> current)
    {
        var breaks = new List<string>();
        var now = current.ToDictionary(c => c.Name);
        foreach (var before in published)
        {
            if (!now.TryGetValue(before.Name, out var after))
            {
                breaks.Add($"{before.Name} was removed (or renamed)");
                continue;
            }

            var fields = after.Fields.ToDictionary(f => f.Name);
            foreach (var field in before.Fields)
            {
                if (!fields.TryGetValue(field.Name, out var changed))
                {
                    breaks.Add($"{before.Name}.{field.Name} was removed (or renamed)");
                }
                else if (changed.Type != field.Type)
                {
                    breaks.Add($"{before.Name}.{field.Name} changed from {field.Type} to {changed.Type}");
                }
                else if (changed.Required && !field.Required)
                {
                    breaks.Add($"{before.Name}.{field.Name} became required");
                }
            }

            var known = before.Fields.Select(f => f.Name).ToHashSet();
            breaks.AddRange(after.Fields.Where(f => f.Required && !known.Contains(f.Name))
                .Select(f => $"{before.Name}.{f.Name} is new and required: messages from older publishers lack it"));
        }

        return breaks;
    }
}
