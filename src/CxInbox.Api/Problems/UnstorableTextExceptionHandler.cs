using CxInbox.Data.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace CxInbox.Api.Problems;

/// <summary>
/// Text with a NUL character (U+0000, a JSON <c>"\u0000"</c>) in any field the API stores: PostgreSQL refuses it and
/// the statement writes nothing. That is the caller's input, so a 400 that says so, instead of a 500.
/// </summary>
public sealed class UnstorableTextExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StoreFaults.IsUnstorableText(exception))
        {
            return false;
        }

        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status400BadRequest, "The request could not be stored",
            "A text field contains a NUL character (U+0000), which cannot be stored; nothing was changed.");
        return true;
    }
}
