using CxInbox.Channels.Webhooks;
using NUnit.Framework;

namespace CxInbox.Channels.Testing;

/// <summary>
/// What every <see cref="IWebhookChannel"/> must do, whatever its provider. Inherit it in the adapter's test project
/// (a class marked <c>[TestFixture]</c>, with nothing but the members below) and every check runs against the
/// adapter. The attribute matters: NUnit looks only into assemblies that reference it.
/// </summary>
public abstract class WebhookChannelConformance
{
    /// <summary>The adapter, configured with <see cref="Secret"/> and accepting the account the samples are for.</summary>
    protected abstract IWebhookChannel CreateChannel();

    /// <summary>The secret the channel verifies signatures with (an auth token, an app secret, a consumer secret).</summary>
    protected abstract string Secret { get; }

    /// <summary>An unsigned request carrying <paramref name="body"/> as the provider sends it: method, the public URL,
    /// content type and any other header the provider always sets.</summary>
    protected abstract WebhookRequest Request(byte[] body);

    /// <summary>Adds the provider's signature, computed with <paramref name="secret"/>, to <paramref name="request"/>.
    /// Write it from the provider's documentation, apart from the adapter's own verifier, so the suite does not trust
    /// the code it tests.</summary>
    protected abstract WebhookRequest Sign(WebhookRequest request, string secret);

    /// <summary>Authentic bodies the provider sends, with the provider message ids each must yield, in order. At least
    /// one, ideally taken from the provider's documentation; include one with several events unless
    /// <see cref="OneEventPerRequest"/> says the provider never sends that.</summary>
    protected abstract IEnumerable<WebhookSample> Samples { get; }

    /// <summary>A correctly signed body the provider would never send because it is not the provider's shape
    /// (not its JSON, required fields missing).</summary>
    protected abstract byte[] MalformedBody { get; }

    /// <summary>A correctly signed body beyond a limit: one the provider documents (more media than it allows), or
    /// one the parser must refuse (JSON nested deeper than the reader allows). Bodies over
    /// <c>CxInbox:MaxWebhookBodyBytes</c> (1 MiB) never reach an adapter: the Host answers 413 first.</summary>
    protected abstract byte[] OversizedBody { get; }

    /// <summary>Why the provider never puts several events in one request (e.g. "Twilio posts one message per
    /// request"); null (the default) when it can, and then <see cref="Samples"/> must show it.</summary>
    protected virtual string? OneEventPerRequest => null;

    [Test]
    public async Task A_request_without_a_signature_is_rejected_with_a_4xx()
    {
        foreach (var sample in RequiredSamples())
        {
            var outcome = await HandleAsync(Request(sample.Body), sample.Name);

            AssertRejected(outcome, sample.Name);
        }
    }

    [Test]
    public async Task A_request_signed_with_another_secret_is_rejected_with_a_4xx()
    {
        foreach (var sample in RequiredSamples())
        {
            var outcome = await HandleAsync(Sign(Request(sample.Body), "not-" + Secret), sample.Name);

            AssertRejected(outcome, sample.Name);
        }
    }

    [Test]
    public async Task A_signed_request_whose_body_was_changed_is_rejected_with_a_4xx()
    {
        var samples = RequiredSamples();
        var first = samples[0];
        var other = samples.Count > 1 ? samples[1].Body : [.. first.Body, (byte)' '];
        var forged = Sign(Request(other), Secret) with { Body = first.Body };

        var outcome = await HandleAsync(forged, first.Name);

        AssertRejected(outcome, first.Name);
    }

    [Test]
    public async Task Every_sample_is_accepted_with_its_provider_message_ids_in_order()
    {
        var samples = RequiredSamples();
        using (Assert.EnterMultipleScope())
        {
            foreach (var sample in samples)
            {
                var accepted = await AcceptedAsync(sample);

                Assert.That(accepted.Messages.Select(m => m.ProviderMessageId), Is.EqualTo(sample.ProviderMessageIds), sample.Name);
            }
        }
    }

    [Test]
    public async Task Every_message_fills_the_fields_the_router_relies_on()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var sample in RequiredSamples())
            {
                foreach (var message in (await AcceptedAsync(sample)).Messages)
                {
                    ConformanceChecks.AssertRoutable(message, $"{sample.Name}, message {message.ProviderMessageId}");
                }
            }
        }
    }

    [Test]
    public async Task The_same_request_twice_yields_the_same_provider_message_ids_under_new_interaction_ids()
    {
        foreach (var sample in RequiredSamples())
        {
            var first = (await AcceptedAsync(sample)).Messages;
            var again = (await AcceptedAsync(sample)).Messages;

            // The router stores Channel + ChannelAccount + ProviderMessageId once: a provider's redelivery must repeat
            // that key exactly, while each delivery is its own interaction.
            Assert.That(again.Select(ConformanceChecks.DedupeKey), Is.EqualTo(first.Select(ConformanceChecks.DedupeKey)), sample.Name);
            Assert.That(again.Select(m => m.InteractionId).Intersect(first.Select(m => m.InteractionId)), Is.Empty, sample.Name);
        }
    }

    [Test]
    public async Task Several_events_in_one_request_keep_their_order()
    {
        var batches = RequiredSamples().Where(s => s.ProviderMessageIds.Count > 1).ToList();
        if (batches.Count == 0)
        {
            if (OneEventPerRequest is { } why)
            {
                Assert.Ignore($"Not applicable: {why}");
            }

            Assert.Fail("No sample carries several events. Add one to Samples, or override OneEventPerRequest with the provider's reason.");
        }

        foreach (var batch in batches)
        {
            var ids = (await AcceptedAsync(batch)).Messages.Select(m => m.ProviderMessageId);

            Assert.That(ids, Is.EqualTo(batch.ProviderMessageIds), batch.Name);
        }
    }

    [Test]
    public async Task A_malformed_body_is_rejected_with_a_4xx_and_a_reason()
    {
        var outcome = await HandleAsync(Sign(Request(MalformedBody), Secret), "the malformed body");

        AssertRejectedWithReason(outcome, "the malformed body");
    }

    [Test]
    public async Task An_oversized_body_is_rejected_with_a_4xx_and_a_reason()
    {
        var outcome = await HandleAsync(Sign(Request(OversizedBody), Secret), "the oversized body");

        AssertRejectedWithReason(outcome, "the oversized body");
    }

    // Every check runs over the samples: without any, they would all pass having checked nothing.
    private List<WebhookSample> RequiredSamples()
    {
        var samples = Samples.ToList();
        Assert.That(samples, Is.Not.Empty, "Samples must hold at least one authentic body.");
        Assert.That(samples.Where(s => s.ProviderMessageIds.Count == 0).Select(s => s.Name), Is.Empty,
            "Samples that yield no message prove nothing here; every sample names the ids it must yield.");
        return samples;
    }

    private async Task<WebhookOutcome.Accepted> AcceptedAsync(WebhookSample sample)
    {
        var outcome = await HandleAsync(Sign(Request(sample.Body), Secret), sample.Name);
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>(), $"{sample.Name}: an authentic sample must be accepted, got {outcome}");
        return (WebhookOutcome.Accepted)outcome;
    }

    private async Task<WebhookOutcome> HandleAsync(WebhookRequest request, string what)
    {
        try
        {
            return await CreateChannel().HandleAsync(request, CancellationToken.None);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            // The endpoint would turn this into a 500 and the provider would redeliver the same request for hours.
            Assert.Fail($"{what}: HandleAsync threw {e.GetType().Name} ({e.Message}); a webhook answers every request with an outcome.");
            throw;
        }
    }

    private static void AssertRejected(WebhookOutcome outcome, string what)
    {
        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Rejected>(), $"{what}: must be rejected, got {outcome}");
        Assert.That(((WebhookOutcome.Rejected)outcome).StatusCode, Is.InRange(400, 499), what);
    }

    private static void AssertRejectedWithReason(WebhookOutcome outcome, string what)
    {
        AssertRejected(outcome, what);
        Assert.That(((WebhookOutcome.Rejected)outcome).Reason, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, $"{what}: the reason");
    }
}

/// <summary>An authentic body and the provider message ids it must yield, in order.</summary>
/// <param name="Name">Shown in failures, e.g. the fixture's file name.</param>
public sealed record WebhookSample(string Name, byte[] Body, IReadOnlyList<string> ProviderMessageIds)
{
    public override string ToString() => Name;
}
