using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace CxInbox.Api.Documentation;

/// <summary>The OpenAPI document of the API role at <c>/openapi/v1.json</c> and its reference page at
/// <c>/api/docs</c>, both anonymous. The page loads Scalar's script from the Scalar.AspNetCore assembly, not a CDN,
/// and uses the browser's fonts, so it works on a network without internet.</summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";

    public static IServiceCollection AddCxInboxOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CxInbox API";
            document.Info.Description = "Sign in with POST /api/session (cookie), or send Authorization: Bearer <API key>.";
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, o => o
                .WithTitle("CxInbox API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts())
            .AllowAnonymous();
        return app;
    }
}
