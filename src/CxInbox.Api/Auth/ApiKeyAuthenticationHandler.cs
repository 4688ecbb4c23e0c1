using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Auth;

/// <summary>Bearer keys for integrators and scripts. Today the only key is the bootstrap admin key.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    IOptionsMonitor<AuthOptions> authOptions,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string AdminRole = "admin";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = header["Bearer ".Length..].Trim();
        var adminKey = authOptions.CurrentValue.BootstrapAdminKey;
        if (adminKey.Length == 0 || !FixedTimeEquals(presented, adminKey))
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer key is not valid."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "bootstrap-admin"), new Claim(ClaimTypes.Role, AdminRole)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            "Authentication required", "Send Authorization: Bearer <API key>.");
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
