using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CxInbox.Api.Problems;

/// <summary>RFC 7807 answers written outside an endpoint's result (authentication, middleware).</summary>
public static class ProblemResponses
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await Results.Problem(problem).ExecuteAsync(context);
        }
    }
}
