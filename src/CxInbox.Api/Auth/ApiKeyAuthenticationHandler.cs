using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CxInbox.Data.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Auth;

/// <summary>Bearer keys for integrators and scripts: the bootstrap admin key from configuration, and the keys made
/// with <c>POST /api/api-keys</c> (looked up by their SHA-256, refused once revoked).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<AuthOptions> authOptions,
    ApiKeyStore keys,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>Browsers' WebSocket API cannot set headers: SignalR sends the key as this query parameter instead.</summary>
    public const string HubTokenParameter = "access_token";

    public const string HubPathPrefix = "/hubs";

    /// <summary>The key a request presents, from the Authorization header or, on hub paths, the access_token query.</summary>
    public static string? PresentedKey(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Path.StartsWithSegments(HubPathPrefix, StringComparison.OrdinalIgnoreCase)
            && request.Query[HubTokenParameter].ToString() is { Length: > 0 } token ? token : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var adminKey = authOptions.CurrentValue.BootstrapAdminKey;
        if (adminKey.Length > 0 && FixedTimeEquals(presented, adminKey))
        {
            return Success("bootstrap-admin", "bootstrap-admin", CxInboxRoles.Admin);
        }

        // Only the hash is stored; a lookup by hash is not a timing oracle for the key itself.
        if (presented.Length > 0 && await keys.FindActiveAsync(ApiKeySecret.Hash(presented), Context.RequestAborted) is { } key)
        {
            return Success(key.Id.ToString(), key.Name, key.Role);
        }

        return AuthenticateResult.Fail("The bearer key is not valid.");
    }

    private static AuthenticateResult Success(string id, string name, string role)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim(CxInboxClaims.DisplayName, name),
            new Claim(ClaimTypes.Role, role),
        ], SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "Authentication required", "The bearer key is missing, unknown or revoked. Send Authorization: Bearer <API key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden,
            "Forbidden", "This key may not do that.");

    private static bool FixedTimeEquals(string presented, string expected)
    {
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}

/// <summary>API keys: 256 random bits, shown once; stored as their SHA-256.</summary>
public static class ApiKeySecret
{
    public const string Prefix = "cxk_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLower(CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
