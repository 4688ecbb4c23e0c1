using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CxInbox.Api.Problems;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a string where a number belongs, a body too
/// large) into a 4xx problem with the reason, instead of an empty 400 or a 500.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var detail = bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
        await ProblemResponses.WriteAsync(httpContext, bad.StatusCode, "The request could not be read", detail);
        return true;
    }
}
