using System.Text.Json;
using System.Text.Json.Serialization;
using CxInbox.Channels.Tests.Providers;

namespace CxInbox.Channels.Tests.X;

/// <summary>The <c>x_crc</c>, <c>x_webhook_signature</c> and <c>x_oauth1</c> sections of test-vectors.json.</summary>
public static class XVectors
{
    public const string FixtureConsumerSecret = "FakeConsumerSecret0123456789abcdefghijklmnopqrstuv";
    public const string BrandAccountId = "1500000000000000001";
    public const string CustomerId = "1600000000000000002";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Lazy<VectorFile> Vectors = new(() =>
        JsonSerializer.Deserialize<VectorFile>(File.ReadAllBytes(ProviderData.PathOf("test-vectors.json")), Json)
        ?? throw new InvalidDataException("test-vectors.json is empty"));

    public static IReadOnlyList<XCrcVector> Crc => Vectors.Value.XCrc;

    public static IReadOnlyList<XSignatureVector> Signatures => Vectors.Value.XWebhookSignature;

    public static IReadOnlyList<XOAuth1Vector> OAuth1 => Vectors.Value.XOauth1;

    public static XSignatureVector Signature(string id) => Signatures.Single(v => v.Id == id);

    public static XOAuth1Vector OAuth1Vector(string id) => OAuth1.Single(v => v.Id == id);

    private sealed record VectorFile(
        IReadOnlyList<XCrcVector> XCrc,
        IReadOnlyList<XSignatureVector> XWebhookSignature,
        IReadOnlyList<XOAuth1Vector> XOauth1);
}

public sealed record XCrcVector(
    string Id,
    string ConsumerSecret,
    string RawQueryString,
    string CrcTokenDecoded,
    string ExpectedResponseToken,
    string ExpectedResponseBody,
    int ExpectedStatus,
    string ExpectedContentType)
{
    public override string ToString() => Id;
}

public sealed record XSignatureVector(
    string Id,
    string ConsumerSecret,
    string RawBodyBase64,
    [property: JsonPropertyName("x_twitter_webhooks_signature_header")] string SignatureHeader,
    string ExpectedSignature,
    bool ExpectedValid,
    string? Fixture)
{
    public byte[] RawBody => Convert.FromBase64String(RawBodyBase64);

    public override string ToString() => Id;
}

public sealed record XOAuth1Vector(
    string Id,
    string Method,
    string BaseUrl,
    IReadOnlyList<IReadOnlyList<string>> SignedParams,
    string ConsumerSecret,
    string TokenSecret,
    string ExpectedSignatureBaseString,
    string ExpectedSigningKey,
    string ExpectedSignature,
    string? JsonBodyNotSigned)
{
    public IEnumerable<KeyValuePair<string, string>> Parameters => SignedParams.Select(p => new KeyValuePair<string, string>(p[0], p[1]));

    public string Param(string name) => SignedParams.Single(p => p[0] == name)[1];

    public override string ToString() => Id;
}
