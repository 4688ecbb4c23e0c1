using System.Security.Claims;
using CxInbox.Web.Live;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

namespace CxInbox.Web;

/// <summary>The agent inbox and the supervisor console: static pages, the <c>/hubs/inbox</c> hub and the bus bridge.
/// The Host adds them when the api role runs.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The folder beside the assembly that holds wwwroot's files (see CxInbox.Web.csproj).</summary>
    public static string StaticFilesPath => Path.Combine(AppContext.BaseDirectory, "cxinbox-web");

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// <param name="describe">Who a signed-in principal is for the hub's groups; the Host knows the claim types.</param>
    public static IServiceCollection AddCxInboxWeb(this IServiceCollection services, Func<ClaimsPrincipal, HubMember> describe)
    {
        services.AddSignalR();
        services.AddSingleton(describe);
        services.AddSingleton<HeadlineReader>();
        services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InboxBridgeSwitch>();
        return services;
    }

    /// <summary>The bus -> hub bridge, for the Host's bus registration when the api role runs. It has no endpoint of
    /// its own at start: <see cref="InboxBridgeSwitch"/> connects one while browsers are connected.</summary>
    public static IBusRegistrationConfigurator AddInboxBridge(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<InboxBridge, InboxBridgeDefinition>().ExcludeFromConfigureEndpoints();
        return bus;
    }

    /// <param name="hubPolicy">The authorization policy a hub connection needs (staff).</param>
    public static WebApplication MapCxInboxWeb(this WebApplication app, string hubPolicy)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The pages hold no data: everything they show comes from API calls that are authorised one by one.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(StaticFilesPath),
            OnPrepareResponse = context =>
            {
                // A second line of defence behind textContent: no inline script or handler runs, nothing loads from
                // another site, and the pages cannot be framed.
                context.Context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        app.MapGet("/", () => Results.Redirect("/inbox.html")).AllowAnonymous().ExcludeFromDescription();
        app.MapHub<InboxHub>("/hubs/inbox").RequireAuthorization(hubPolicy);
        return app;
    }
}
