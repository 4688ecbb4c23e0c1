using CxInbox.Api.Admin;
using CxInbox.Api.Agents;
using CxInbox.Api.Auth;
using CxInbox.Api.CannedResponses;
using CxInbox.Api.Conversations;
using CxInbox.Api.Customers;
using CxInbox.Api.Documentation;
using CxInbox.Api.Problems;
using CxInbox.Api.Proxies;
using CxInbox.Api.RateLimits;
using CxInbox.Api.Supervision;
using CxInbox.Api.Webhooks;
using CxInbox.Routing.Tagging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Api;

public static class ServiceCollectionExtensions
{
    /// <summary>Options, problem+json, authentication and JSON settings shared by every HTTP role.</summary>
    public static IServiceCollection AddCxInboxHttp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CxInboxOptions>().Bind(configuration.GetSection(CxInboxOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RoutingTableOptions>().Bind(configuration.GetSection(RoutingTableOptions.SectionName));
        services.AddOptions<RebalanceOptions>().Bind(configuration.GetSection(RebalanceOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.AddMissingDetail);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        services.AddExceptionHandler<UnstorableTextExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddCxInboxAuth(configuration);
        services.AddCxInboxOpenApi();
        services.AddCxInboxRateLimits(configuration);
        services.AddCxInboxForwardedHeaders(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapIngressEndpoints(this IEndpointRouteBuilder app) => app.MapWebhookEndpoints();

    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app) =>
        app.MapSessionEndpoints().MapUserEndpoints().MapApiKeyEndpoints().MapAgentEndpoints().MapConversationEndpoints().MapReplyEndpoints().MapTagEndpoints().MapCustomerEndpoints().MapDeadLetterEndpoints()
            .MapSupervisionEndpoints().MapApiDocumentation()
            .MapHandoverEndpoints().MapCannedResponseEndpoints();
}
