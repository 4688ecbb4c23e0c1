using System.Collections.Concurrent;
using CxInbox.Channels.Inbound;
using CxInbox.Contracts;
using NUnit.Framework;

namespace CxInbox.Channels.Testing;

/// <summary>
/// What every polled channel must do (one that fetches from a source, such as a mailbox over IMAP, rather than being
/// called by a webhook): the checks of <see cref="WebhookChannelConformance"/>, run over items put in a real source and
/// read by the adapter's own reader. Nobody waits for a poller's answer, so where a webhook rejects bad input with a
/// 4xx, a poller records it as a message saying what was wrong and reads on: one bad item must neither be lost nor
/// block the source. Inherit it once in a class marked <c>[TestFixture]</c>, as the webhook fixture.
/// </summary>
public abstract class PolledChannelConformance
{
    private readonly List<IPolledSource> sources = [];

    /// <summary>A new, empty source for one check (a fresh mailbox), with the adapter's reader of it.</summary>
    protected abstract Task<IPolledSource> CreateSourceAsync();

    /// <summary>Items as the provider holds them (for e-mail, RFC 5322 mails, byte for byte), each with the provider
    /// message ids it must yield, in order. At least one; include one that yields several unless
    /// <see cref="OneEventPerItem"/> says the provider never holds that.</summary>
    protected abstract IEnumerable<PolledSample> Samples { get; }

    /// <summary>An item the provider would never hold in that shape (for e-mail, bytes with no header section).</summary>
    protected abstract byte[] MalformedItem { get; }

    /// <summary>An item beyond a limit the adapter is configured with (for e-mail, a mail over MaxMessageBytes).</summary>
    protected abstract byte[] OversizedItem { get; }

    /// <summary>Why nothing the source holds carries a signature (e.g. "IMAP authenticates the reader's login; a mail
    /// carries no signature of the mailbox provider"). The signature checks are reported as ignored with this reason.</summary>
    protected abstract string WhyUnsigned { get; }

    /// <summary>Why one item never holds several events (e.g. "One mail is one message"); null (the default) when it
    /// can, and then <see cref="Samples"/> must show it.</summary>
    protected virtual string? OneEventPerItem => null;

    [TearDown]
    public async Task DisposeSourcesAsync()
    {
        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }

        sources.Clear();
    }

    [Test]
    public void A_request_without_a_signature_is_rejected_with_a_4xx() => Assert.Ignore($"Not applicable: {WhyUnsigned}");

    [Test]
    public void A_request_signed_with_another_secret_is_rejected_with_a_4xx() => Assert.Ignore($"Not applicable: {WhyUnsigned}");

    [Test]
    public void A_signed_request_whose_body_was_changed_is_rejected_with_a_4xx() => Assert.Ignore($"Not applicable: {WhyUnsigned}");

    [Test]
    public async Task Every_sample_is_accepted_with_its_provider_message_ids_in_order()
    {
        var samples = RequiredSamples();
        using (Assert.EnterMultipleScope())
        {
            foreach (var sample in samples)
            {
                var source = await NewSourceAsync();
                await source.PutAsync(sample.Item);

                var messages = await ReadAsync(source, sample.Name);

                Assert.That(messages.Select(m => m.ProviderMessageId), Is.EqualTo(sample.ProviderMessageIds), sample.Name);
            }
        }
    }

    [Test]
    public async Task Every_message_fills_the_fields_the_router_relies_on()
    {
        var source = await NewSourceAsync();
        foreach (var sample in RequiredSamples())
        {
            await source.PutAsync(sample.Item);
        }

        var messages = await ReadAsync(source, "the samples");

        Assert.That(messages, Is.Not.Empty, "messages read from the samples");
        using (Assert.EnterMultipleScope())
        {
            foreach (var message in messages)
            {
                ConformanceChecks.AssertRoutable(message, $"message {message.ProviderMessageId}");
            }
        }
    }

    [Test]
    public async Task The_same_item_twice_yields_the_same_provider_message_ids_under_new_interaction_ids()
    {
        foreach (var sample in RequiredSamples())
        {
            var source = await NewSourceAsync();
            await source.PutAsync(sample.Item);
            await source.PutAsync(sample.Item);

            var messages = await ReadAsync(source, sample.Name);

            // A provider holding the same item twice (a mail delivered twice, a folder rebuilt) must repeat the
            // router's dedupe key exactly, while each copy is its own interaction.
            var count = sample.ProviderMessageIds.Count;
            Assert.That(messages, Has.Count.EqualTo(2 * count), sample.Name);
            var first = messages.Take(count).ToList();
            var again = messages.Skip(count).ToList();
            Assert.That(again.Select(ConformanceChecks.DedupeKey), Is.EqualTo(first.Select(ConformanceChecks.DedupeKey)), sample.Name);
            Assert.That(again.Select(m => m.InteractionId).Intersect(first.Select(m => m.InteractionId)), Is.Empty, sample.Name);
        }
    }

    [Test]
    public async Task What_was_read_is_not_published_again_by_the_next_read()
    {
        var sample = RequiredSamples()[0];
        var source = await NewSourceAsync();
        await source.PutAsync(sample.Item);

        var first = await ReadAsync(source, sample.Name);
        var second = await ReadAsync(source, sample.Name + ", read again");

        Assert.That(first.Select(m => m.ProviderMessageId), Is.EqualTo(sample.ProviderMessageIds), "the first read");
        Assert.That(second, Is.Empty, "the second read: the reader keeps its position, as the running poller does between polls");
    }

    [Test]
    public async Task Several_items_are_published_in_the_order_the_source_holds_them()
    {
        var samples = RequiredSamples();
        Assert.That(samples, Has.Count.GreaterThanOrEqualTo(2), "Samples must hold two items at least, for their order to show.");
        var source = await NewSourceAsync();
        var order = samples.Concat(samples).ToList();
        foreach (var sample in order)
        {
            await source.PutAsync(sample.Item);
        }

        var messages = await ReadAsync(source, "the samples, twice over");

        Assert.That(messages.Select(m => m.ProviderMessageId), Is.EqualTo(order.SelectMany(s => s.ProviderMessageIds)));
    }

    [Test]
    public async Task Several_events_in_one_item_keep_their_order()
    {
        var batches = RequiredSamples().Where(s => s.ProviderMessageIds.Count > 1).ToList();
        if (batches.Count == 0)
        {
            if (OneEventPerItem is { } why)
            {
                Assert.Ignore($"Not applicable: {why}");
            }

            Assert.Fail("No sample carries several events. Add one to Samples, or override OneEventPerItem with the provider's reason.");
        }

        foreach (var batch in batches)
        {
            var source = await NewSourceAsync();
            await source.PutAsync(batch.Item);

            var ids = (await ReadAsync(source, batch.Name)).Select(m => m.ProviderMessageId);

            Assert.That(ids, Is.EqualTo(batch.ProviderMessageIds), batch.Name);
        }
    }

    [Test]
    public Task A_malformed_item_is_recorded_with_a_note_and_the_items_after_it_are_read() =>
        AssertRecordedAndPassedAsync(MalformedItem, "the malformed item");

    [Test]
    public Task An_oversized_item_is_recorded_with_a_note_and_the_items_after_it_are_read() =>
        AssertRecordedAndPassedAsync(OversizedItem, "the oversized item");

    private async Task AssertRecordedAndPassedAsync(byte[] item, string what)
    {
        var after = RequiredSamples()[0];
        var source = await NewSourceAsync();
        await source.PutAsync(item);
        await source.PutAsync(after.Item);

        var messages = await ReadAsync(source, what);

        // Nobody is there to answer a 4xx to: dropped, the item would be lost; thrown, the reader would stop at it on
        // every poll and nothing after it would ever arrive.
        Assert.That(messages.Select(m => m.ProviderMessageId).TakeLast(after.ProviderMessageIds.Count), Is.EqualTo(after.ProviderMessageIds),
            $"{what} must not keep {after.Name}, put after it, from being read");
        var recorded = messages.SkipLast(after.ProviderMessageIds.Count).ToList();
        Assert.That(recorded, Is.Not.Empty, $"{what} must be recorded as a message, not dropped");
        using (Assert.EnterMultipleScope())
        {
            foreach (var message in recorded)
            {
                ConformanceChecks.AssertRoutable(message, what);
                Assert.That(message.Text, Is.Not.Empty.And.Not.WhiteSpace, $"{what}: the text says what was wrong, for the agent");
            }
        }
    }

    private async Task<IPolledSource> NewSourceAsync()
    {
        var source = await CreateSourceAsync();
        sources.Add(source);
        return source;
    }

    private static async Task<IReadOnlyList<InteractionReceived>> ReadAsync(IPolledSource source, string what)
    {
        var publisher = new RecordingPublisher();
        try
        {
            await source.ReadOnceAsync(publisher, CancellationToken.None);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            // The running poller would log it, reconnect and stop at the same item again, for ever.
            Assert.Fail($"{what}: reading threw {e.GetType().Name} ({e.Message}); a reader records every item it cannot use and reads on.");
            throw;
        }

        return [.. publisher.Batches.SelectMany(b => b.Messages)];
    }

    // Every check runs over the samples: without any, they would all pass having checked nothing.
    private List<PolledSample> RequiredSamples()
    {
        var samples = Samples.ToList();
        Assert.That(samples, Is.Not.Empty, "Samples must hold at least one authentic item.");
        Assert.That(samples.Where(s => s.ProviderMessageIds.Count == 0).Select(s => s.Name), Is.Empty,
            "Samples that yield no message prove nothing here; every sample names the ids it must yield.");
        return samples;
    }

    private sealed class RecordingPublisher : IInboundPublisher
    {
        private readonly ConcurrentQueue<InboundBatch> batches = new();

        public IReadOnlyList<InboundBatch> Batches => [.. batches];

        public Task PublishAsync(InboundBatch batch, CancellationToken cancellationToken)
        {
            batches.Enqueue(batch);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A source a polled channel reads, and the adapter's reader of it, for one check of
/// <see cref="PolledChannelConformance"/>.</summary>
public interface IPolledSource : IAsyncDisposable
{
    /// <summary>Puts <paramref name="item"/> in the source as the provider would (for e-mail: appends the mail to the
    /// mailbox on the real IMAP server). Items are read in the order they were put.</summary>
    Task PutAsync(byte[] item);

    /// <summary>Runs the adapter's reader over the source once: it publishes what is new through
    /// <paramref name="publisher"/> and keeps its position (checkpoint) for the next call, as the running poller does
    /// from one poll to the next.</summary>
    Task ReadOnceAsync(IInboundPublisher publisher, CancellationToken cancellationToken);
}

/// <summary>An authentic item and the provider message ids it must yield, in order.</summary>
/// <param name="Name">Shown in failures, e.g. the fixture's file name.</param>
public sealed record PolledSample(string Name, byte[] Item, IReadOnlyList<string> ProviderMessageIds)
{
    public override string ToString() => Name;
}
