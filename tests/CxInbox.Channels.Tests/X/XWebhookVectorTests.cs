using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Webhooks;
using CxInbox.Channels.X;
using CxInbox.Channels.X.Inbound;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.X;

/// <summary>Every <c>x_crc</c> and <c>x_webhook_signature</c> vector, through the webhook as X would call it.</summary>
public class XWebhookVectorTests
{
    private const string WebhookUrl = "https://cx.example.com/webhooks/x";

    private static IEnumerable<TestCaseData> CrcVectors() =>
        XVectors.Crc.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    private static IEnumerable<TestCaseData> SignatureVectors() =>
        XVectors.Signatures.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    [TestCaseSource(nameof(CrcVectors))]
    public async Task Crc_challenge_is_answered_with_the_vector_response_token_as_json(XCrcVector vector)
    {
        var request = new WebhookRequest("GET", $"{WebhookUrl}?{vector.RawQueryString}", Headers(), ReadOnlyMemory<byte>.Empty);

        var outcome = await Webhook(vector.ConsumerSecret).HandleAsync(request, CancellationToken.None);

        Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Challenge>());
        var response = ((WebhookOutcome.Challenge)outcome).Response;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.ContentType, Is.EqualTo(vector.ExpectedContentType));
            Assert.That(response.Body, Is.EqualTo(vector.ExpectedResponseBody));
        }
    }

    [TestCaseSource(nameof(CrcVectors))]
    public void Crc_response_token_is_computed_over_the_decoded_token(XCrcVector vector)
    {
        var token = XWebhookSignature.CrcResponseToken(vector.ConsumerSecret, vector.CrcTokenDecoded);

        Assert.That(token, Is.EqualTo(vector.ExpectedResponseToken));
    }

    [TestCaseSource(nameof(SignatureVectors))]
    public void Signature_of_the_raw_body_is_the_vector_signature(XSignatureVector vector)
    {
        var signature = XWebhookSignature.Compute(vector.ConsumerSecret, vector.RawBody);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }

    [TestCaseSource(nameof(SignatureVectors))]
    public void Signature_header_is_valid_exactly_when_the_vector_says_so(XSignatureVector vector)
    {
        var valid = XWebhookSignature.IsValid(vector.ConsumerSecret, vector.RawBody, vector.SignatureHeader);

        Assert.That(valid, Is.EqualTo(vector.ExpectedValid));
    }

    [TestCaseSource(nameof(SignatureVectors))]
    public async Task Webhook_accepts_the_valid_vectors_and_forbids_the_others(XSignatureVector vector)
    {
        var request = new WebhookRequest("POST", WebhookUrl,
            Headers(("Content-Type", "application/json"), ("x-twitter-webhooks-signature", vector.SignatureHeader)), vector.RawBody);

        var outcome = await Webhook(vector.ConsumerSecret).HandleAsync(request, CancellationToken.None);

        if (vector.ExpectedValid)
        {
            Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>());
            Assert.That(((WebhookOutcome.Accepted)outcome).Messages, Has.Count.EqualTo(1));
        }
        else
        {
            Assert.That(outcome, Is.EqualTo(new WebhookOutcome.Rejected(403, "The request signature could not be verified.")));
        }
    }

    [TestCaseSource(nameof(SignatureVectors))]
    public void Test_signer_reproduces_the_vector_signature(XSignatureVector vector)
    {
        var signature = XTestSigner.Sign(vector.ConsumerSecret, vector.RawBody);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }

    [Test]
    public void Fixture_based_signature_vectors_sign_the_fixture_files_byte_for_byte()
    {
        var fixtureVectors = XVectors.Signatures.Where(v => v.Fixture is not null).ToList();

        Assert.That(fixtureVectors.Select(v => v.Fixture), Is.EquivalentTo(new[] { "x-dm-event.json", "x-mention.json" }));
        foreach (var vector in fixtureVectors)
        {
            Assert.That(vector.RawBody, Is.EqualTo(ProviderData.Fixture(vector.Fixture!)), vector.Id);
        }
    }

    private static XWebhook Webhook(string consumerSecret) =>
        new(new StaticOptionsMonitor<XOptions>(new XOptions { ConsumerSecret = consumerSecret }),
            new FakeTimeProvider(), NullLogger<XWebhook>.Instance);

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
}
