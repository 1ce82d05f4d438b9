using CrewBuilder.Core.Api;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace CrewBuilder.Functions;

/// <summary>Every HTTP function's response carries the API's security headers, as the self-host's do.</summary>
internal sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.ApplyToApi(http.Response);
        }

        return next(context);
    }
}
