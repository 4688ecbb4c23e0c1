using CxInbox.Channels.X;
using CxInbox.Channels.X.Outbound;

namespace CxInbox.Channels.Tests.X;

/// <summary>Every <c>x_oauth1</c> vector: the base string, the signing key, the signature and the header.</summary>
public class XOAuth1Tests
{
    private static IEnumerable<TestCaseData> Vectors() =>
        XVectors.OAuth1.Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    // The test verifier signs what a JSON request signs (oauth_* and query), so only vectors without body parameters.
    private static IEnumerable<TestCaseData> VectorsWithoutBodyParameters() =>
        XVectors.OAuth1.Where(v => v.Parameters.All(p => p.Key.StartsWith("oauth_", StringComparison.Ordinal)))
            .Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id));

    [TestCaseSource(nameof(Vectors))]
    public void Signature_base_string_is_the_vector_base_string(XOAuth1Vector vector)
    {
        var baseString = XOAuth1.SignatureBaseString(vector.Method, vector.BaseUrl, vector.Parameters);

        Assert.That(baseString, Is.EqualTo(vector.ExpectedSignatureBaseString));
    }

    [TestCaseSource(nameof(Vectors))]
    public void Signing_key_is_the_vector_signing_key(XOAuth1Vector vector)
    {
        var key = XOAuth1.SigningKey(vector.ConsumerSecret, vector.TokenSecret);

        Assert.That(key, Is.EqualTo(vector.ExpectedSigningKey));
    }

    [TestCaseSource(nameof(Vectors))]
    public void Signature_is_the_vector_signature(XOAuth1Vector vector)
    {
        var signature = XOAuth1.Sign(vector.ExpectedSignatureBaseString, vector.ExpectedSigningKey);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }

    [TestCaseSource(nameof(VectorsWithoutBodyParameters))]
    public void Test_verifier_reproduces_the_vector_signature(XOAuth1Vector vector)
    {
        var oauth = vector.Parameters.ToDictionary(p => p.Key, p => p.Value);

        var signature = XOAuth1TestVerifier.ExpectedSignature(vector.Method, vector.BaseUrl, oauth, vector.ConsumerSecret, vector.TokenSecret);

        Assert.That(signature, Is.EqualTo(vector.ExpectedSignature));
    }

    [Test]
    public void Header_for_the_dm_send_vector_carries_every_oauth_parameter_and_the_vector_signature()
    {
        var vector = XVectors.OAuth1Vector("x-oauth1-dm-send-json-body");

        var header = XOAuth1.AuthorizationHeader(vector.Method, new Uri(vector.BaseUrl), Credentials(vector),
            long.Parse(vector.Param("oauth_timestamp"), System.Globalization.CultureInfo.InvariantCulture), vector.Param("oauth_nonce"));

        Assert.That(header, Is.EqualTo(
            "OAuth oauth_consumer_key=\"FakeConsumerKey0123456789\", oauth_nonce=\"cxinboxfakenonce0001\", " +
            "oauth_signature=\"EyxqSQaVO%2F81tSTwhIegHcjjTSM%3D\", oauth_signature_method=\"HMAC-SHA1\", " +
            "oauth_timestamp=\"1795000500\", oauth_token=\"1500000000000000001-FakeAccessToken0123456789abcdef\", oauth_version=\"1.0\""));
        var parsed = XOAuth1TestVerifier.Parse(header);
        Assert.That(parsed["oauth_signature"], Is.EqualTo(vector.ExpectedSignature));
    }

    [Test]
    public void Header_for_the_docs_example_signs_its_query_and_form_parameters()
    {
        // X's worked example: include_entities travels in the query, status in a form-encoded body.
        var vector = XVectors.OAuth1Vector("x-oauth1-docs-example");
        var uri = new Uri(vector.BaseUrl + "?include_entities=true");

        var header = XOAuth1.AuthorizationHeader("POST", uri, Credentials(vector),
            long.Parse(vector.Param("oauth_timestamp"), System.Globalization.CultureInfo.InvariantCulture), vector.Param("oauth_nonce"),
            [new("status", vector.Param("status"))]);

        Assert.That(XOAuth1TestVerifier.Parse(header)["oauth_signature"], Is.EqualTo(vector.ExpectedSignature));
    }

    [Test]
    public void Parameters_are_sorted_by_encoded_name_then_value_in_byte_order()
    {
        KeyValuePair<string, string>[] parameters = [new("b", "1"), new("a", "3"), new("A", "2"), new("a", "10"), new("a b", "x")];

        var baseString = XOAuth1.SignatureBaseString("post", "https://api.x.com/2/x", parameters);

        // Upper case before lower case, "%20" before letters, "10" before "3": ordinal, not culture or case-insensitive.
        Assert.That(baseString, Is.EqualTo("POST&https%3A%2F%2Fapi.x.com%2F2%2Fx&" + XOAuth1.PercentEncode("A=2&a=10&a=3&a%20b=x&b=1")));
    }

    [TestCase("https://api.x.com/2/tweets", "https://api.x.com/2/tweets")]
    [TestCase("HTTPS://API.X.COM:443/2/tweets?x=1#f", "https://api.x.com/2/tweets")]
    [TestCase("http://127.0.0.1:41234/2/tweets", "http://127.0.0.1:41234/2/tweets")]
    [TestCase("http://example.com:80/a%20b", "http://example.com/a%20b")]
    public void Base_url_is_lower_case_without_default_port_query_or_fragment(string url, string expected)
    {
        Assert.That(XOAuth1.BaseUrl(new Uri(url)), Is.EqualTo(expected));
    }

    [TestCase("AZaz09-._~", "AZaz09-._~")]
    [TestCase("Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen")]
    [TestCase("!*'();:@&=$,/?#[]", "%21%2A%27%28%29%3B%3A%40%26%3D%24%2C%2F%3F%23%5B%5D")]
    [TestCase("\u2603 \U0001F64F", "%E2%98%83%20%F0%9F%99%8F")]
    public void Percent_encoding_keeps_only_the_unreserved_characters(string value, string expected)
    {
        Assert.That(XOAuth1.PercentEncode(value), Is.EqualTo(expected));
    }

    [Test]
    public void Nonces_are_alphanumeric_and_never_repeat()
    {
        var nonces = Enumerable.Range(0, 1000).Select(_ => XOAuth1.NewNonce()).ToList();

        Assert.That(nonces, Is.Unique);
        Assert.That(nonces, Has.All.Match("^[0-9a-z]{32}$"));
    }

    private static XOptions Credentials(XOAuth1Vector vector) => new()
    {
        ConsumerKey = vector.Param("oauth_consumer_key"),
        ConsumerSecret = vector.ConsumerSecret,
        AccessToken = vector.Param("oauth_token"),
        AccessTokenSecret = vector.TokenSecret,
    };
}
