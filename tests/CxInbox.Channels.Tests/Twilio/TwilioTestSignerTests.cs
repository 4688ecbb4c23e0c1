using CxInbox.Channels.Tests.Providers;

namespace CxInbox.Channels.Tests.Twilio;

/// <summary>The webhook tests sign their own bodies; this keeps that signer honest against a provider vector.</summary>
public class TwilioTestSignerTests
{
    [TestCase("twilio-sms-inbound-fixture")]
    [TestCase("twilio-mms-inbound-fixture")]
    [TestCase("twilio-unicode-body")]
    public void Signer_reproduces_the_vector_signature(string vectorId)
    {
        var vector = ProviderData.TwilioVector(vectorId);
        var fields = vector.ParamsDecodedInWireOrder!.Select(p => (p[0], p[1]));

        var signature = TwilioTestSigner.Sign(vector.AuthToken, vector.UrlTwilioRequested, fields);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }
}
