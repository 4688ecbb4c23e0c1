using CxInbox.Api.Problems;
using CxInbox.Data.DataProtection;
using CxInbox.Data.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CxInbox.Api.Auth;

/// <summary>
/// Two ways in, behind one policy scheme: a request with an Authorization header (or a hub's access_token) is
/// judged by its API key; any other by the session cookie. Either way a refusal is a problem+json 401 or 403,
/// never a redirect to a sign-in page.
/// </summary>
internal static class AuthRegistration
{
    public const string SelectorScheme = "CxInbox";
    public const string CookieScheme = "Session";
    public const string CookieName = "cxinbox.session";

    public static IServiceCollection AddCxInboxAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ConversationAccess>();

        // The key ring that protects session cookies lives in the store, shared by every API process.
        services.AddDataProtection().SetApplicationName("CxInbox");
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyStore>((o, store) => o.XmlRepository = store);

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or session cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 || ApiKeyAuthenticationHandler.PresentedKey(context.Request) is not null
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Strict: no other site can make a browser send it, which is what stops cross-site request forgery.
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = context =>
                {
                    // A 401 names a scheme the client can use (RFC 9110): the bearer key; people sign in instead.
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    return ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                        "Sign-in required", "Sign in with POST /api/session, or send Authorization: Bearer <API key>.");
                };
                o.Events.OnValidatePrincipal = SessionPrincipal.ValidateAsync;
                o.Events.OnRedirectToAccessDenied = context => ProblemResponses.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                    "Forbidden", "Your role may not do that.");
            });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AuthOptions>>((o, auth) => o.ExpireTimeSpan = auth.Value.SessionLifetime);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, p => p.RequireRole(CxInboxRoles.Agent, CxInboxRoles.Supervisor, CxInboxRoles.Admin))
            .AddPolicy(Policies.Supervisor, p => p.RequireRole(CxInboxRoles.Supervisor, CxInboxRoles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(CxInboxRoles.Admin))
            .AddPolicy(Policies.Integrator, p => p.RequireRole(CxInboxRoles.Integrator, CxInboxRoles.Admin))
            .AddPolicy(Policies.IntegratorOrStaff, p => p.RequireRole(CxInboxRoles.Integrator, CxInboxRoles.Agent, CxInboxRoles.Supervisor, CxInboxRoles.Admin));
        return services;
    }
}
