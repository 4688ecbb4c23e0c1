using CxInbox.Channels.Tests.Providers;
using CxInbox.Channels.Twilio.Inbound;
using CxInbox.Channels.Webhooks;

namespace CxInbox.Channels.Tests.Twilio;

public class TwilioSignatureTests
{
    private const string FormEncoded = "application/x-www-form-urlencoded";

    // Its expected_signature is what Twilio computed over the original body (see its string_to_sign); the body
    // delivered was changed afterwards, so a signature over the delivered body must differ from it.
    private const string TamperedInTransit = "twilio-tampered-body";

    private const string Token = "0123456789abcdef0123456789abcdef";
    private const string SmsUrl = "https://cx.example.com/webhooks/twilio/sms";

    private static IEnumerable<TestCaseData> FormEncodedVectors() =>
        ProviderData.Twilio
            .Where(v => v.ContentType == FormEncoded)
            .Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    private static IEnumerable<TestCaseData> FormEncodedVectorsDeliveredAsSigned() =>
        FormEncodedVectors().Where(c => ((TwilioVector)c.Arguments[0]!).Id != TamperedInTransit);

    private static IEnumerable<TestCaseData> JsonBodyVectors() =>
        ProviderData.Twilio
            .Where(v => v.ContentType == "application/json")
            .Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    [Test]
    public void Every_vector_is_form_encoded_or_a_json_body()
    {
        Assert.That(ProviderData.Twilio.Select(v => v.ContentType), Is.All.AnyOf(FormEncoded, "application/json"));
        Assert.That(JsonBodyVectors().Count(), Is.EqualTo(2));
    }

    [TestCaseSource(nameof(JsonBodyVectors))]
    public void A_json_body_is_accepted_exactly_when_the_url_signature_and_the_body_hash_both_hold(TwilioVector vector)
    {
        var valid = TwilioSignature.IsValidJsonBody(vector.AuthToken, vector.UrlToValidate, vector.RawBody, vector.SignatureHeader);

        Assert.That(valid, Is.EqualTo(vector.ExpectedValid));
    }

    [TestCaseSource(nameof(FormEncodedVectors))]
    public void Header_is_accepted_exactly_when_the_vector_expects_it(TwilioVector vector)
    {
        var form = Decode(vector);

        var valid = TwilioSignature.IsValid(vector.AuthToken, vector.UrlToValidate, form, vector.SignatureHeader);

        Assert.That(valid, Is.EqualTo(vector.ExpectedValid));
    }

    [TestCaseSource(nameof(FormEncodedVectorsDeliveredAsSigned))]
    public void Signature_over_the_url_twilio_requested_is_the_expected_one(TwilioVector vector)
    {
        var form = Decode(vector);

        var signature = TwilioSignature.Compute(vector.AuthToken, vector.UrlTwilioRequested, form);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }

    [Test]
    public void Signature_over_a_body_tampered_in_transit_is_not_the_one_twilio_sent()
    {
        var vector = ProviderData.TwilioVector(TamperedInTransit);
        var form = Decode(vector);

        var signature = TwilioSignature.Compute(vector.AuthToken, vector.UrlTwilioRequested, form);

        Assert.That(signature, Is.Not.EqualTo(vector.ExpectedSignature));
    }

    [TestCaseSource(nameof(FormEncodedVectors))]
    public void Body_decodes_to_the_listed_params_in_wire_order(TwilioVector vector)
    {
        var expected = vector.ParamsDecodedInWireOrder!.Select(p => new KeyValuePair<string, string>(p[0], p[1]));

        var form = Decode(vector);

        Assert.That(form, Is.EqualTo(expected));
    }

    // The vectors' names never tell ordinal from case-insensitive or culture order apart; these two do.
    // Expected values come from Python's hmac over the signed text named in each assertion (channels.md §1.2).
    [Test]
    public void Names_sort_ordinally_so_upper_case_comes_first()
    {
        var form = new[] { Pair("aa", "1"), Pair("Ab", "2") };

        var signature = TwilioSignature.Compute(Token, SmsUrl, form);

        Assert.That(signature, Is.EqualTo("iBf2fqxQKDUH78j87cK8OIhVQUs="), "signed text: url + Ab2aa1");
    }

    [Test]
    public void Repeated_name_signs_each_distinct_value_in_ordinal_order()
    {
        var form = new[] { Pair("Tag", "b"), Pair("Tag", "a"), Pair("Tag", "b") };

        var signature = TwilioSignature.Compute(Token, SmsUrl, form);

        Assert.That(signature, Is.EqualTo("0y6hDUzpq/nztmOUx3MBGzpOaMQ="), "signed text: url + TagaTagb");
    }

    private static List<KeyValuePair<string, string>> Decode(TwilioVector vector)
    {
        Assert.That(FormBody.TryParse(vector.RawBody, out var form, out var error), Is.True, error);
        return form;
    }

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);
}
