using CxInbox.Data.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CxInbox.Api.Problems;

/// <summary>
/// The store unreachable, restarting or out of connections is not the caller's fault and passes with time: answer
/// 503 with Retry-After and say so, instead of a bare 500.
/// </summary>
public sealed partial class StoreUnavailableExceptionHandler(ILogger<StoreUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!StoreFaults.IsTransient(exception))
        {
            return false;
        }

        LogStoreUnavailable(logger, exception);
        httpContext.Response.Headers.RetryAfter = "5";
        await ProblemResponses.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "The store is unavailable",
            "The database did not answer in time or is restarting. Nothing was changed; try again in a few seconds.");
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request failed because the store was unavailable; answered 503.")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception);
}
