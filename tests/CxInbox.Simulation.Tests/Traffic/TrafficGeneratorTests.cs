using CxInbox.Simulation.Traffic;
using FsCheck;
using FsCheck.Fluent;

namespace CxInbox.Simulation.Tests.Traffic;

public sealed class TrafficGeneratorTests
{
    private static readonly TrafficPlan Plan = new()
    {
        Channels = SimulatedChannels.All,
        Customers = 200,
        Rate = 20,
        Duration = TimeSpan.FromSeconds(60),
        Seed = 42,
    };

    [Test]
    public void The_same_seed_gives_the_same_traffic()
    {
        var first = TrafficGenerator.Generate(Plan).ToList();
        var second = TrafficGenerator.Generate(Plan).ToList();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Another_seed_plays_other_customers_with_other_message_ids()
    {
        var first = TrafficGenerator.Generate(Plan).ToList();
        var second = TrafficGenerator.Generate(Plan with { Seed = 43 }).ToList();

        Assert.That(first.Select(m => m.Customer.Address).Intersect(second.Select(m => m.Customer.Address)), Is.Empty);
        Assert.That(first.Select(m => m.ProviderMessageId).Intersect(second.Select(m => m.ProviderMessageId)), Is.Empty);
    }

    [Test]
    public void Rate_times_duration_messages_are_sent_in_order_within_the_run()
    {
        var messages = TrafficGenerator.Generate(Plan).ToList();

        Assert.That(messages, Has.Count.EqualTo(1200));
        Assert.That(messages.Select(m => m.At), Is.Ordered);
        Assert.That(messages.Select(m => m.Sequence), Is.EqualTo(Enumerable.Range(0, 1200).Select(i => (long)i)));
        Assert.That(messages[^1].At, Is.LessThan(Plan.Duration));
    }

    [FsCheck.NUnit.Property(MaxTest = 50)]
    public FsCheck.Property Every_message_is_due_within_its_rate_slot() =>
        Prop.ForAll(Gen.Choose(1, 500).ToArbitrary(), Gen.Choose(1, 120).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (rateTenths, seconds, seed) =>
        {
            var rate = rateTenths / 10.0;
            var plan = Plan with { Rate = rate, Duration = TimeSpan.FromSeconds(seconds), Seed = seed };
            return TrafficGenerator.Generate(plan).All(m =>
                m.At.Ticks >= Math.Floor(m.Sequence / rate * TimeSpan.TicksPerSecond)
                && m.At.Ticks < Math.Ceiling((m.Sequence + 1) / rate * TimeSpan.TicksPerSecond)
                && m.At < plan.Duration);
        });

    [Test]
    public void Customers_come_in_turn_across_the_requested_channels_and_never_more_than_planned()
    {
        var plan = Plan with { Channels = [SimulatedChannel.Sms, SimulatedChannel.Webhook], Customers = 30 };

        var messages = TrafficGenerator.Generate(plan).ToList();

        var customers = messages.Select(m => m.Customer).DistinctBy(c => c.Index).ToList();
        Assert.That(customers, Has.Count.EqualTo(30));
        Assert.That(customers.GroupBy(c => c.Channel).ToDictionary(g => g.Key, g => g.Count()),
            Is.EquivalentTo(new Dictionary<SimulatedChannel, int> { [SimulatedChannel.Sms] = 15, [SimulatedChannel.Webhook] = 15 }));
        Assert.That(customers.Select(c => c.Address).Distinct().Count(), Is.EqualTo(30));
    }

    [Test]
    public void A_follow_up_is_by_a_customer_who_already_wrote_on_the_same_channel_and_answers_their_last_message()
    {
        var messages = TrafficGenerator.Generate(Plan).ToList();

        var followUps = messages.Where(m => m.FollowUpOf is not null).ToList();
        Assert.That(followUps, Is.Not.Empty);
        var lastByCustomer = new Dictionary<int, SimulatedMessage>();
        foreach (var message in messages)
        {
            if (message.FollowUpOf is { } previous)
            {
                var last = lastByCustomer[message.Customer.Index];
                Assert.That((last.Sequence, last.ProviderMessageId, last.Customer), Is.EqualTo((previous, message.InReplyTo, message.Customer)));
                Assert.That(message.Subject, Is.EqualTo("Re: " + messages.First(m => m.Customer.Index == message.Customer.Index).Subject));
            }
            else
            {
                Assert.That(lastByCustomer.ContainsKey(message.Customer.Index), Is.False, "an opener is a customer's first message");
            }

            lastByCustomer[message.Customer.Index] = message;
        }
    }

    [Test]
    public void Once_every_customer_has_written_the_rest_are_follow_ups()
    {
        var messages = TrafficGenerator.Generate(Plan with { Customers = 10 }).ToList();

        Assert.That(messages.Count(m => m.FollowUpOf is null), Is.EqualTo(10));
    }

    [Test]
    public void Message_ids_are_unique_in_a_run()
    {
        var ids = TrafficGenerator.Generate(Plan).Select(m => m.ProviderMessageId).ToList();

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void A_minute_of_traffic_has_every_stage_language_complaints_and_sales_questions()
    {
        var openers = TrafficGenerator.Generate(Plan).Where(m => m.FollowUpOf is null).Select(m => m.Intent).ToList();

        Assert.That(openers.Select(i => i.Stage).Distinct(), Is.EquivalentTo(Enum.GetValues<JourneyStageName>()));
        Assert.That(openers.Select(i => i.Language).Distinct(), Is.EquivalentTo(Enum.GetValues<SimulatedLanguage>()));
        Assert.That(openers.Count(i => i.Complaint), Is.Positive);
        Assert.That(openers.Count(i => i.SalesQuestion), Is.Positive);
    }

    [Test]
    public void No_placeholder_is_left_in_a_message()
    {
        var messages = TrafficGenerator.Generate(Plan).ToList();

        Assert.That(messages.Where(m => m.Text.Contains('{', StringComparison.Ordinal) || m.Subject.Contains('{', StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void A_plan_that_cannot_run_names_every_problem()
    {
        var plan = Plan with { Channels = [], Customers = 0, Rate = 0, Duration = TimeSpan.Zero, Seed = -1, FollowUpShare = 2 };

        var problems = plan.Problems();

        Assert.That(problems.Select(p => p.Split(':')[0]),
            Is.EqualTo(new[] { "channels", "customers", "rate", "duration", "seed", "follow-up share" }));
        Assert.That(() => TrafficGenerator.Generate(plan), Throws.ArgumentException.With.Message.Contains("rate: must be more than 0"));
    }

    [TestCase("sms, Facebook,x", new[] { SimulatedChannel.Sms, SimulatedChannel.Facebook, SimulatedChannel.X })]
    [TestCase("webhook,email,webhook", new[] { SimulatedChannel.Webhook, SimulatedChannel.Email })]
    public void Channel_lists_are_read_in_any_case_once_each(string text, SimulatedChannel[] expected)
    {
        Assert.That(SimulatedChannels.TryParseList(text, out var channels, out var error), Is.True, error);
        Assert.That(channels, Is.EqualTo(expected));
    }

    [TestCase("sms,telegram", "unknown channel 'telegram'")]
    [TestCase(" , ", "no channel given")]
    public void A_bad_channel_list_says_what_is_wrong(string text, string expected)
    {
        Assert.That(SimulatedChannels.TryParseList(text, out _, out var error), Is.False);
        Assert.That(error, Does.StartWith(expected));
    }
}
