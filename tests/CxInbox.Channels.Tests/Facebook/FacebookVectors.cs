using System.Text.Json;
using System.Text.Json.Serialization;
using CxInbox.Channels.Tests.Providers;

namespace CxInbox.Channels.Tests.Facebook;

/// <summary>The <c>facebook</c> and <c>facebook_appsecret_proof</c> sections of test-vectors.json.</summary>
public static class FacebookVectors
{
    /// <summary>The app secret every Facebook vector and fixture is signed with (channels.md §6).</summary>
    public const string AppSecret = "abcdef0123456789abcdef0123456789";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly Lazy<VectorFile> Vectors = new(() =>
        JsonSerializer.Deserialize<VectorFile>(File.ReadAllBytes(ProviderData.PathOf("test-vectors.json")), Json)
        ?? throw new InvalidDataException("test-vectors.json is empty"));

    public static IReadOnlyList<FacebookVector> Signatures => Vectors.Value.Facebook;

    public static FacebookVector Signature(string id) => Signatures.Single(v => v.Id == id);

    public static AppSecretProofVector AppSecretProof => Vectors.Value.FacebookAppsecretProof.Single();

    private sealed record VectorFile(IReadOnlyList<FacebookVector> Facebook, IReadOnlyList<AppSecretProofVector> FacebookAppsecretProof);
}

/// <summary>One entry of the <c>facebook</c> array (only the fields these tests use).</summary>
public sealed record FacebookVector(
    string Id,
    string AppSecret,
    string RawBodyBase64,
    [property: JsonPropertyName("x_hub_signature_256_header")] string SignatureHeader,
    [property: JsonPropertyName("expected_x_hub_signature_256")] string ExpectedSignature,
    bool ExpectedValid,
    string? Fixture)
{
    public byte[] RawBody => Convert.FromBase64String(RawBodyBase64);

    public override string ToString() => Id;
}

public sealed record AppSecretProofVector(string Id, string AppSecret, string AccessToken, string ExpectedAppsecretProof);
