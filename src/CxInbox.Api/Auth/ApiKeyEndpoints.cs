using System.Security.Claims;
using CxInbox.Data.ApiKeys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CxInbox.Api.Auth;

/// <summary>Bearer keys for integrators and scripts. The key is in the answer to its creation and nowhere else.</summary>
public static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/api-keys").RequireAuthorization(Policies.Admin).WithTags("Users and keys");
        keys.MapPost("/", CreateAsync).WithSummary("Create an API key (integrator or admin); the key is shown once");
        keys.MapGet("/", ListAsync).WithSummary("Every API key, without the keys themselves");
        keys.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke an API key: it gets 401 from then on");
        return app;
    }

    private static async Task<IResult> CreateAsync(CreateApiKeyRequest request, ClaimsPrincipal user, ApiKeyStore keys, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            errors["name"] = ["Required, at most 200 characters: what the key is for."];
        }

        if (request.Role is null || !CxInboxRoles.Keys.Contains(request.Role))
        {
            errors["role"] = ["Must be integrator or admin."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The API key is not valid");
        }

        var secret = ApiKeySecret.Generate();
        var key = await keys.CreateAsync(request.Name!.Trim(), ApiKeySecret.Hash(secret), request.Role!, user.Identity?.Name ?? "unknown", clock.GetUtcNow(), ct);
        return Results.Created($"/api/api-keys/{key.Id}", new CreatedApiKeyResponse(key.Id, key.Name, key.Role, secret, key.CreatedAt, key.CreatedBy));
    }

    private static async Task<IResult> ListAsync(ApiKeyStore keys, CancellationToken ct) =>
        Results.Ok((await keys.ListAsync(ct)).Select(k => new ApiKeyResponse(k.Id, k.Name, k.Role, k.CreatedAt, k.CreatedBy, k.RevokedAt)));

    private static async Task<IResult> RevokeAsync(Guid id, ApiKeyStore keys, TimeProvider clock, CancellationToken ct) =>
        await keys.RevokeAsync(id, clock.GetUtcNow(), ct)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "API key not found", detail: $"No API key has id {id}.");
}

public sealed record CreateApiKeyRequest(string? Name, string? Role);

public sealed record CreatedApiKeyResponse(Guid Id, string Name, string Role, string Key, DateTimeOffset CreatedAt, string CreatedBy);

public sealed record ApiKeyResponse(Guid Id, string Name, string Role, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt);
