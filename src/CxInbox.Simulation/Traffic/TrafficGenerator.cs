using System.Globalization;

namespace CxInbox.Simulation.Traffic;

/// <summary>
/// Decides who says what, and when: pure, no clock and no I/O, so the same plan always gives the same messages.
/// Messages are spread evenly over the run with jitter (one in each 1/rate slot), new customers come in turn across
/// the channels, and a share of messages are follow-ups by a customer who already wrote, on the same channel and
/// address, so they land in that customer's conversation.
/// </summary>
public static class TrafficGenerator
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The messages of <paramref name="plan"/>, in the order they are due; lazily, so a long run costs no memory
    /// up front.</summary>
    public static IEnumerable<SimulatedMessage> Generate(TrafficPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var problems = plan.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The traffic plan cannot run: " + string.Join("; ", problems), nameof(plan));
        }

        return GenerateValid(plan);
    }

    /// <summary>How many messages the plan sends: one per 1/rate seconds that fits in the duration.</summary>
    public static long MessageCount(TrafficPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return (long)Math.Floor((plan.Rate * plan.Duration.TotalSeconds) + 1e-9);
    }

    private static IEnumerable<SimulatedMessage> GenerateValid(TrafficPlan plan)
    {
        var random = new Random(plan.Seed);
        var threads = new List<Thread>();
        var nextNewCustomer = 0;
        var count = MessageCount(plan);
        for (long sequence = 0; sequence < count; sequence++)
        {
            // Whole ticks, rounded down, so a message never slips into the next slot or past the end.
            var ticks = (long)Math.Floor((sequence + random.NextDouble()) / plan.Rate * TimeSpan.TicksPerSecond);
            var at = TimeSpan.FromTicks(Math.Min(ticks, plan.Duration.Ticks - 1));
            var followUp = threads.Count > 0 && (nextNewCustomer >= plan.Customers || random.NextDouble() < plan.FollowUpShare);
            SimulatedMessage message;
            if (followUp)
            {
                var thread = threads[random.Next(threads.Count)];
                var template = Pick(random, Phrasebook.FollowUps[thread.Customer.Language]);
                message = new SimulatedMessage(sequence, at, thread.Customer, MessageId(plan, thread.Customer.Channel, sequence),
                    Fill(template, thread), "Re: " + thread.Subject, thread.Intent, thread.LastSequence, thread.LastMessageId);
                thread.LastSequence = sequence;
                thread.LastMessageId = message.ProviderMessageId;
            }
            else
            {
                var customer = Customer(plan, nextNewCustomer++, random);
                var line = Pick(random, Phrasebook.Openers.Where(l => l.Intent.Language == customer.Language).ToList());
                var thread = new Thread(customer, line.Intent,
                    Pick(random, Phrasebook.Products[customer.Language]),
                    random.Next(100_000, 1_000_000).ToString(Invariant));
                thread.Subject = Fill(line.Subject, thread);
                message = new SimulatedMessage(sequence, at, customer, MessageId(plan, customer.Channel, sequence),
                    Fill(line.Template, thread), thread.Subject, line.Intent, null, null);
                thread.LastSequence = sequence;
                thread.LastMessageId = message.ProviderMessageId;
                threads.Add(thread);
            }

            yield return message;
        }
    }

    private static SimulatedCustomer Customer(TrafficPlan plan, int index, Random random)
    {
        // In turn across the channels, so every channel gets customers as soon as there are as many as channels.
        var channel = plan.Channels[index % plan.Channels.Count];
        var roll = random.NextDouble();
        var language = roll < 0.4 ? SimulatedLanguage.Indonesian : roll < 0.75 ? SimulatedLanguage.English : SimulatedLanguage.Mixed;
        var first = Pick(random, Phrasebook.FirstNames);
        var last = Pick(random, Phrasebook.LastNames);
        return new SimulatedCustomer(index, $"{first} {last}", channel, language, Address(plan.Seed, channel, index, first, last));
    }

    // Addresses embed the seed, so two runs with different seeds are different customers.
    private static string Address(int seed, SimulatedChannel channel, int index, string first, string last) => channel switch
    {
        SimulatedChannel.Sms => string.Create(Invariant, $"+6281{seed % 100:D2}{index:D7}"),
        SimulatedChannel.Facebook => string.Create(Invariant, $"7{seed % 1_000_000:D6}{index:D9}"),
        SimulatedChannel.X => string.Create(Invariant, $"16{seed % 1_000_000:D6}{index:D9}"),
        SimulatedChannel.Email => string.Create(Invariant, $"{first}.{last}.{seed}.{index}@customer.example").ToLowerInvariant(),
        SimulatedChannel.Webhook => string.Create(Invariant, $"user-{seed}-{index}"),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    // Each in the provider's own shape; the seed and the sequence make them unique across runs.
    private static string MessageId(TrafficPlan plan, SimulatedChannel channel, long sequence) => channel switch
    {
        SimulatedChannel.Sms => string.Create(Invariant, $"SM{plan.Seed:x8}{sequence:x24}"),
        SimulatedChannel.Facebook => string.Create(Invariant, $"m_sim{plan.Seed}_{sequence}"),
        SimulatedChannel.X => string.Create(Invariant, $"19{plan.Seed % 1_000_000:D6}{sequence:D11}"),
        SimulatedChannel.Email => string.Create(Invariant, $"sim.{plan.Seed}.{sequence}@customer.example"),
        SimulatedChannel.Webhook => string.Create(Invariant, $"sim-{plan.Seed}-{sequence}"),
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    private static string Fill(string template, Thread thread) =>
        template.Replace("{order}", "#" + thread.Order, StringComparison.Ordinal).Replace("{product}", thread.Product, StringComparison.Ordinal);

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private sealed class Thread(SimulatedCustomer customer, Intent intent, string product, string order)
    {
        public SimulatedCustomer Customer { get; } = customer;

        public Intent Intent { get; } = intent;

        public string Product { get; } = product;

        public string Order { get; } = order;

        public string Subject { get; set; } = "";

        public long LastSequence { get; set; }

        public string LastMessageId { get; set; } = "";
    }
}
