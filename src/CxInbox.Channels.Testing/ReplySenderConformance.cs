using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using CxInbox.Channels.Outbound;
using NUnit.Framework;

namespace CxInbox.Channels.Testing;

/// <summary>
/// What every <see cref="IReplySender"/> must do with its provider's answers, checked against a local HTTP server
/// that answers as scripted. Inherit it in the adapter's test project (a class marked <c>[TestFixture]</c>: NUnit
/// looks only into assemblies that reference it) and supply the members below.
/// </summary>
public abstract partial class ReplySenderConformance
{
    /// <summary>How long the rate-limited answer asks the sender to wait.</summary>
    protected static readonly TimeSpan RateLimitWait = TimeSpan.FromSeconds(2);

    private readonly List<ScriptedProvider> providers = [];
    private readonly List<HttpClient> clients = [];

    /// <summary>Retries fast, so that a burst costs milliseconds; the attempt timeout is generous so a slow machine
    /// never turns an answer into a timeout, and MaxDelay leaves room for <see cref="RateLimitWait"/>.</summary>
    protected static ProviderResilienceOptions FastRetries() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromSeconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>The adapter's sender, calling the provider at <paramref name="baseAddress"/> (its API base URL option)
    /// through <paramref name="http"/>, with <paramref name="resilience"/> as its resilience options and
    /// <paramref name="clock"/> as its <see cref="TimeProvider"/> (the suite watches the waits it asks for).</summary>
    protected abstract IReplySender CreateSender(Uri baseAddress, HttpClient http, ProviderResilienceOptions resilience, TimeProvider clock);

    /// <summary>A reply the sender will send (inside any messaging window at <paramref name="now"/>).</summary>
    protected abstract OutboundReply SampleReply(DateTimeOffset now);

    /// <summary>The provider's answer to a send it accepted as message <paramref name="providerMessageId"/>.</summary>
    protected abstract ProviderAnswer Accepted(string providerMessageId);

    /// <summary>A failure the provider documents as not processed and worth retrying (typically a 503).</summary>
    protected abstract ProviderAnswer TransientFailure { get; }

    /// <summary>A refusal that no retry can change (a 4xx such as an invalid recipient).</summary>
    protected abstract ProviderAnswer PermanentFailure { get; }

    /// <summary>A 429 asking to wait <paramref name="wait"/> from <paramref name="now"/>. Default: an empty JSON
    /// body with <c>Retry-After</c> in seconds; override for the provider's own body or header.</summary>
    protected virtual ProviderAnswer RateLimited(TimeSpan wait, DateTimeOffset now) =>
        new ProviderAnswer(HttpStatusCode.TooManyRequests, "{}")
            .WithHeader("Retry-After", ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether the request is a send (the requests the scripts answer). Default: every POST.</summary>
    protected virtual bool IsSend(ProviderRequest request) => request.Method == "POST";

    /// <summary>The answer to any other request, e.g. a lookup the sender makes after an ambiguous failure.
    /// Default: 404.</summary>
    protected virtual ProviderAnswer AnswerOther(ProviderRequest request) => new(HttpStatusCode.NotFound, "{}");

    /// <summary>How many transient failures in a row the sender must ride out before the provider accepts. Default:
    /// 2; lower it only for a provider where resending more often risks a duplicate (and say why).</summary>
    protected virtual int TransientFailuresBeforeSuccess => 2;

    [TearDown]
    public async Task StopProvidersAsync()
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }

        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        clients.Clear();
        providers.Clear();
    }

    [Test]
    public async Task An_accepted_send_is_Sent_with_the_providers_message_id()
    {
        var run = await StartAsync(_ => Accepted("conformance-0001"));

        var outcome = await run.SendAsync();

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(), $"got {outcome}");
        Assert.That(((SendOutcome.Sent)outcome).ProviderMessageId, Is.EqualTo("conformance-0001"));
        Assert.That(run.Sends, Is.EqualTo(1));
    }

    [Test]
    public async Task A_permanent_refusal_fails_permanently_after_exactly_one_request()
    {
        var run = await StartAsync(_ => PermanentFailure);

        var outcome = await run.SendAsync();

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), $"got {outcome}");
        var failed = (SendOutcome.Failed)outcome;
        Assert.That(failed.IsPermanent, Is.True, $"IsPermanent of {failed}");
        Assert.That(failed.Reason, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, "the reason the agent reads");
        Assert.That(run.Provider.Requests, Has.Count.EqualTo(1), "requests to the provider: a permanent refusal is never retried");
    }

    [Test]
    public async Task A_burst_of_transient_failures_then_acceptance_is_Sent_after_retries()
    {
        var failures = TransientFailuresBeforeSuccess;
        var run = await StartAsync(send => send <= failures ? TransientFailure : Accepted("conformance-0002"));

        var outcome = await run.SendAsync();

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(), $"got {outcome}");
        Assert.That(((SendOutcome.Sent)outcome).ProviderMessageId, Is.EqualTo("conformance-0002"));
        Assert.That(run.Sends, Is.EqualTo(failures + 1), "sends: each failure retried once, nothing after the acceptance");
    }

    [Test]
    public async Task Transient_failures_that_persist_end_in_a_failure_that_is_not_permanent()
    {
        var run = await StartAsync(_ => TransientFailure);

        var outcome = await run.SendAsync();

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Failed>(), $"got {outcome}");
        var failed = (SendOutcome.Failed)outcome;
        Assert.That(failed.IsPermanent, Is.False, $"IsPermanent of {failed}: the agent may send it again later");
        Assert.That(failed.Reason, Is.Not.Null.And.Not.Empty.And.Not.WhiteSpace, "the reason the agent reads");
        Assert.That(run.Sends, Is.InRange(1, FastRetries().MaxRetryAttempts + 1), "sends: within the configured retries");
    }

    [Test]
    public async Task A_rate_limited_send_waits_as_asked_and_is_retried()
    {
        var run = await StartAsync(send => send == 1 ? RateLimited(RateLimitWait, DateTimeOffset.UtcNow) : Accepted("conformance-0003"));

        var outcome = await run.SendAsync();

        Assert.That(outcome, Is.InstanceOf<SendOutcome.Sent>(), $"got {outcome}");
        Assert.That(run.Sends, Is.EqualTo(2));

        // Provider clocks count whole seconds (Retry-After, x-rate-limit-reset): the wait asked for is within a
        // second of what the provider said. Backoff alone is milliseconds here, and the attempt timeout 30 s.
        var waitsBeforeTheRetry = run.Clock.Timers.Where(t => t.SendsSoFar == 1).Select(t => t.DueTime);
        Assert.That(waitsBeforeTheRetry, Has.Some.InRange(RateLimitWait - TimeSpan.FromSeconds(1), RateLimitWait + TimeSpan.FromSeconds(1)),
            "the sender must wait as long as the provider asked before it sends again, through the TimeProvider CreateSender was given");
    }

    private async Task<Run> StartAsync(Func<int, ProviderAnswer> answerSend)
    {
        var sends = 0;
        var provider = await ScriptedProvider.StartAsync(request =>
            IsSend(request) ? answerSend(Interlocked.Increment(ref sends)) : AnswerOther(request));
        providers.Add(provider);
        var http = new HttpClient();
        clients.Add(http);
        var clock = new RecordingClock(() => Volatile.Read(ref sends));
        var sender = CreateSender(provider.BaseAddress, http, FastRetries(), clock);
        return new Run(provider, sender, clock, () => Volatile.Read(ref sends), SampleReply(clock.GetUtcNow()));
    }

    private sealed record Run(ScriptedProvider Provider, IReplySender Sender, RecordingClock Clock, Func<int> CountSends, OutboundReply Reply)
    {
        public int Sends => CountSends();

        public Task<SendOutcome> SendAsync() => Sender.SendAsync(Reply, CancellationToken.None);
    }

    /// <summary>The system clock, noting every timer asked of it (Polly's waits and timeouts) and how many sends the
    /// provider had seen when it was asked.</summary>
    private sealed class RecordingClock(Func<int> sendsSoFar) : TimeProvider
    {
        private readonly ConcurrentQueue<(TimeSpan DueTime, int SendsSoFar)> timers = new();

        public IReadOnlyList<(TimeSpan DueTime, int SendsSoFar)> Timers => [.. timers];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            timers.Enqueue((dueTime, sendsSoFar()));
            return System.CreateTimer(callback, state, dueTime, period);
        }
    }
}
