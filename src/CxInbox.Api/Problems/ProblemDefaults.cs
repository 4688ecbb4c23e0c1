using Microsoft.AspNetCore.Http;

namespace CxInbox.Api.Problems;

/// <summary>The framework's own 404, 405 and 415 answers carry a title only, and a validation problem keeps its
/// reasons in <c>errors</c>; every problem we send says why in <c>detail</c>.</summary>
internal static class ProblemDefaults
{
    public static void AddMissingDetail(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Detail is not null)
        {
            return;
        }

        if (context.ProblemDetails is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            context.ProblemDetails.Detail = string.Join(" ", validation.Errors.SelectMany(e => e.Value.Select(reason => $"{e.Key}: {reason}")));
            return;
        }

        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is served at {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
            StatusCodes.Status500InternalServerError => "Something failed on our side; the error is logged with this traceId.",
            _ => null,
        };
    }
}
