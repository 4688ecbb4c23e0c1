using CxInbox.Routing.Threading;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Threading;

public class BatchSelectionTests
{
    private sealed record Item(int Arrival, string[] Keys);

    [Test]
    public void A_customer_s_second_message_waits_for_the_next_batch_and_so_does_everything_behind_it_of_that_customer()
    {
        var waiting = new List<Item> { new(0, ["ana"]), new(1, ["budi"]), new(2, ["ana"]), new(3, ["ana", "citra"]), new(4, ["citra"]) };
        var busy = new HashSet<string>();

        var batch = BatchSelection.Take(waiting, i => i.Keys, busy, max: 10);

        Assert.That(batch.Select(i => i.Arrival), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(waiting.Select(i => i.Arrival), Is.EqualTo(new[] { 2, 3, 4 }), "citra's message waits behind the one she shares with ana");
        Assert.That(busy, Is.EquivalentTo(new[] { "ana", "budi" }));
    }

    [Test]
    public void A_customer_a_running_batch_holds_waits_and_the_batch_stops_at_its_size()
    {
        var waiting = new List<Item> { new(0, ["ana"]), new(1, ["budi"]), new(2, ["citra"]), new(3, ["dewi"]) };
        var busy = new HashSet<string> { "ana" };

        var batch = BatchSelection.Take(waiting, i => i.Keys, busy, max: 2);

        Assert.That(batch.Select(i => i.Arrival), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(waiting.Select(i => i.Arrival), Is.EqualTo(new[] { 0, 3 }));
    }

    [Property]
    public Property A_batch_never_holds_a_key_twice_nor_one_already_busy_and_never_overtakes_a_waiting_message_of_the_same_key() =>
        Prop.ForAll(
            Arb.From(Gen.ListOf(Gen.ArrayOf(Gen.Elements("a", "b", "c", "d", "e", "f")).Where(k => k.Length > 0))),
            Arb.From(Gen.ListOf(Gen.Elements("a", "b", "c", "d", "e", "f"))),
            Arb.From(Gen.Choose(1, 5)),
            (keys, busyKeys, max) =>
            {
                var waiting = keys.Select((k, i) => new Item(i, k)).ToList();
                var busyBefore = busyKeys.ToHashSet();
                var busy = busyKeys.ToHashSet();

                var batch = BatchSelection.Take(waiting, i => i.Keys, busy, max);

                var batchKeys = batch.SelectMany(i => i.Keys.Distinct()).ToList();
                var firstLeft = waiting.SelectMany(i => i.Keys.Select(k => (Key: k, i.Arrival)))
                    .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Min(p => p.Arrival));
                return batch.Count <= max
                    && batchKeys.Count == batchKeys.Distinct().Count()
                    && !batchKeys.Any(busyBefore.Contains)
                    && batch.All(i => i.Keys.All(k => !firstLeft.TryGetValue(k, out var left) || left > i.Arrival))
                    && batch.Count + waiting.Count == keys.Count
                    && busy.SetEquals(busyBefore.Union(batchKeys));
            });
}
