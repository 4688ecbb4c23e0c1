using CxInbox.Channels.Outbound;
using CxInbox.Channels.Testing;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Outbound;
using Microsoft.Extensions.Logging.Abstractions;

namespace CxInbox.Channels.Tests.X;

/// <summary>The brand account's fake credentials (those of the <c>x-oauth1-dm-send-json-body</c> vector) and
/// senders wired to a <see cref="ScriptedProvider"/>.</summary>
internal static class XSenderFixture
{
    public const string ConsumerKey = "FakeConsumerKey0123456789";
    public const string ConsumerSecret = XVectors.FixtureConsumerSecret;
    public const string AccessToken = "1500000000000000001-FakeAccessToken0123456789abcdef";
    public const string AccessTokenSecret = "FakeAccessTokenSecret0123456789abcdefghijklm";

    /// <summary>Options for the fake server, with retries that wait milliseconds instead of seconds.</summary>
    public static XOptions Options(ScriptedProvider server, Action<ProviderResilienceOptions>? tune = null)
    {
        var resilience = new ProviderResilienceOptions
        {
            BaseDelay = TimeSpan.FromMilliseconds(1),
            // Generous: a slow test machine must never turn an answered attempt into a timeout.
            AttemptTimeout = TimeSpan.FromMinutes(1),
        };
        tune?.Invoke(resilience);
        return new XOptions
        {
            ConsumerKey = ConsumerKey,
            ConsumerSecret = ConsumerSecret,
            AccessToken = AccessToken,
            AccessTokenSecret = AccessTokenSecret,
            AccountId = XVectors.BrandAccountId,
            ApiBaseUrl = server.BaseAddress.ToString().TrimEnd('/'),
            Resilience = resilience,
        };
    }

    /// <param name="pipelineClock">Drives retry waits and timeouts; <paramref name="signingClock"/> drives the
    /// OAuth timestamp.</param>
    public static XDirectMessageSender DirectMessages(HttpClient http, XOptions options, TimeProvider pipelineClock, TimeProvider signingClock) =>
        new(http, new StaticOptionsMonitor<XOptions>(options),
            new XSendPipelines(Microsoft.Extensions.Options.Options.Create(options), pipelineClock), signingClock,
            NullLogger<XDirectMessageSender>.Instance);

    public static XPostReplySender PostReplies(HttpClient http, XOptions options, TimeProvider pipelineClock, TimeProvider signingClock) =>
        new(http, new StaticOptionsMonitor<XOptions>(options),
            new XSendPipelines(Microsoft.Extensions.Options.Options.Create(options), pipelineClock), signingClock,
            NullLogger<XPostReplySender>.Instance);

    public static OutboundReply Reply(string channel, string text, string? lastCustomerMessageId = null) => new()
    {
        ReplyId = Guid.CreateVersion7(),
        ConversationId = Guid.CreateVersion7(),
        Channel = channel,
        ChannelAccount = XVectors.BrandAccountId,
        CustomerAddress = XVectors.CustomerId,
        Text = text,
        LastCustomerMessageId = lastCustomerMessageId,
    };

    /// <summary>Checks the request's OAuth header the way X would, against the URL the fake server was called at.</summary>
    public static Dictionary<string, string> AssertSignedByTheBrand(ScriptedProvider server, ProviderRequest request)
    {
        Assert.That(request.Headers.TryGetValue("Authorization", out var header), Is.True, "Authorization header");
        var oauth = XOAuth1TestVerifier.Parse(header!);
        var url = server.BaseAddress.ToString().TrimEnd('/') + request.Path + request.Query;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(oauth.Keys, Is.EquivalentTo(XOAuth1TestVerifier.RequiredParameters));
            Assert.That(oauth["oauth_consumer_key"], Is.EqualTo(ConsumerKey));
            Assert.That(oauth["oauth_token"], Is.EqualTo(AccessToken));
            Assert.That(oauth["oauth_signature_method"], Is.EqualTo("HMAC-SHA1"));
            Assert.That(oauth["oauth_version"], Is.EqualTo("1.0"));
            Assert.That(oauth["oauth_nonce"], Does.Match("^[A-Za-z0-9]{16,}$"));
            Assert.That(oauth["oauth_signature"],
                Is.EqualTo(XOAuth1TestVerifier.ExpectedSignature(request.Method, url, oauth, ConsumerSecret, AccessTokenSecret)));
        }

        return oauth;
    }

    /// <summary>Waits, in real time, until the fake server has seen <paramref name="count"/> requests.</summary>
    public static async Task WaitForRequestsAsync(ScriptedProvider server, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (server.Requests.Count < count)
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
