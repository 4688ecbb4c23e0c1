using CxInbox.Channels.Facebook;
using CxInbox.Channels.Facebook.Inbound;
using CxInbox.Channels.Facebook.Outbound;
using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CxInbox.Channels.Tests.Facebook;

public class FacebookSignatureTests
{
    private static IEnumerable<TestCaseData> AllVectors() =>
        FacebookVectors.Signatures.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    private static IEnumerable<TestCaseData> FixtureVectors() =>
        FacebookVectors.Signatures.Where(v => v.Fixture is not null).Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    [Test]
    public void The_vector_file_has_valid_and_invalid_facebook_vectors()
    {
        var vectors = FacebookVectors.Signatures;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(vectors.Count(v => v.ExpectedValid), Is.EqualTo(5));
            Assert.That(vectors.Where(v => !v.ExpectedValid).Select(v => v.Id),
                Is.EquivalentTo(new[] { "fb-unicode-reserialised-negative", "fb-wrong-secret-negative" }));
        }
    }

    [TestCaseSource(nameof(AllVectors))]
    public void Header_is_accepted_exactly_when_the_vector_expects_it(FacebookVector vector)
    {
        var valid = FacebookSignature.IsValid(vector.AppSecret, vector.RawBody, vector.SignatureHeader);

        Assert.That(valid, Is.EqualTo(vector.ExpectedValid));
    }

    // For the negatives too: expected_x_hub_signature_256 is the MAC of the delivered body with the right secret.
    [TestCaseSource(nameof(AllVectors))]
    public void Signature_of_the_raw_body_is_the_expected_one(FacebookVector vector)
    {
        var signature = FacebookSignature.Compute(vector.AppSecret, vector.RawBody);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }

    [TestCaseSource(nameof(AllVectors))]
    public async Task Webhook_accepts_the_vector_exactly_when_it_is_valid_and_forbids_it_otherwise(FacebookVector vector)
    {
        var webhook = new FacebookWebhook(new StaticOptionsMonitor<FacebookOptions>(new FacebookOptions { AppSecret = vector.AppSecret }),
            new FakeTimeProvider(), NullLogger<FacebookWebhook>.Instance);
        var request = new WebhookRequest("POST", "https://cx.example.com/webhooks/facebook",
            new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Content-Type"] = "application/json",
                ["X-Hub-Signature-256"] = vector.SignatureHeader,
            },
            vector.RawBody);

        var outcome = await webhook.HandleAsync(request, CancellationToken.None);

        if (vector.ExpectedValid)
        {
            Assert.That(outcome, Is.InstanceOf<WebhookOutcome.Accepted>());
        }
        else
        {
            Assert.That(outcome, Is.EqualTo(new WebhookOutcome.Rejected(403, "The request could not be verified.")));
        }
    }

    [TestCaseSource(nameof(FixtureVectors))]
    public void Fixture_based_vector_signs_the_fixture_file_byte_for_byte(FacebookVector vector)
    {
        var fixture = ProviderData.Fixture(vector.Fixture!);

        Assert.That(vector.RawBody, Is.EqualTo(fixture));
    }

    [Test]
    public void Upper_case_hex_is_accepted()
    {
        var vector = FacebookVectors.Signature("fb-message-compact");
        var header = "sha256=" + vector.SignatureHeader["sha256=".Length..].ToUpperInvariant();

        var valid = FacebookSignature.IsValid(vector.AppSecret, vector.RawBody, header);

        Assert.That(valid, Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("3c6d722b8e82a724329dfca052c103ff56071f32a66242f9238d783928f1fa89")]
    [TestCase("sha1=cf6913354ab99c38d5d7e6715013cebe233e9cfd")]
    [TestCase("sha256=3c6d722b8e82a724329dfca052c103ff56071f32a66242f9238d783928f1fa")]
    [TestCase("sha256=3c6d722b8e82a724329dfca052c103ff56071f32a66242f9238d783928f1fa8z")]
    public void Malformed_or_legacy_header_is_refused(string? header)
    {
        var vector = FacebookVectors.Signature("fb-message-compact");

        var valid = FacebookSignature.IsValid(vector.AppSecret, vector.RawBody, header);

        Assert.That(valid, Is.False);
    }

    [Test]
    public void Empty_app_secret_verifies_nothing()
    {
        var body = "{}"u8.ToArray();

        var valid = FacebookSignature.IsValid("", body, FacebookTestSigner.Sign("", body));

        Assert.That(valid, Is.False);
    }

    [Test]
    public void Test_signer_reproduces_every_valid_vector()
    {
        var valid = FacebookVectors.Signatures.Where(v => v.ExpectedValid).ToList();

        var signed = valid.Select(v => FacebookTestSigner.Sign(v.AppSecret, v.RawBody));

        Assert.That(signed, Is.EqualTo(valid.Select(v => v.SignatureHeader)));
    }

    [Test]
    public void Appsecret_proof_is_the_vectors()
    {
        var vector = FacebookVectors.AppSecretProof;

        var proof = AppSecretProof.Compute(vector.AppSecret, vector.AccessToken);

        Assert.That(proof, Is.EqualTo(vector.ExpectedAppsecretProof));
    }
}
