using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxInbox.Channels.Tests.Providers;

/// <summary>
/// tests/TestData/providers, copied next to the test assembly: the providers' signature vectors
/// (test-vectors.json) and the sample request bodies they sign (fixtures/).
/// </summary>
public static class ProviderData
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Lazy<VectorFile> Vectors = new(() =>
        JsonSerializer.Deserialize<VectorFile>(File.ReadAllBytes(PathOf("test-vectors.json")), Json)
        ?? throw new InvalidDataException("test-vectors.json is empty"));

    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "providers");

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static byte[] Fixture(string fileName) => File.ReadAllBytes(Path.Combine(Root, "fixtures", fileName));

    public static IReadOnlyList<TwilioVector> Twilio => Vectors.Value.Twilio;

    public static IReadOnlyDictionary<string, FixtureFacts> Fixtures => Vectors.Value.Fixtures;

    public static TwilioVector TwilioVector(string id) => Twilio.Single(v => v.Id == id);

    private sealed record VectorFile(IReadOnlyList<TwilioVector> Twilio, IReadOnlyDictionary<string, FixtureFacts> Fixtures);
}

/// <summary>One entry of the <c>twilio</c> array in test-vectors.json (only the fields these tests use).</summary>
public sealed record TwilioVector(
    string Id,
    string AuthToken,
    string Method,
    string ContentType,
    string UrlTwilioRequested,
    string UrlToValidate,
    string RawBodyBase64,
    IReadOnlyList<IReadOnlyList<string>>? ParamsDecodedInWireOrder,
    [property: JsonPropertyName("x_twilio_signature_header")] string SignatureHeader,
    string ExpectedSignature,
    bool ExpectedValid,
    string? Fixture)
{
    public byte[] RawBody => Convert.FromBase64String(RawBodyBase64);

    // NUnit shows a test case's arguments by ToString: the id is what a reader needs.
    public override string ToString() => Id;
}

/// <summary>An entry of the <c>fixtures</c> section: the file's exact size and SHA-256.</summary>
public sealed record FixtureFacts(long Bytes, string Sha256);
