using CrewBuilder.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Functions;

/// <summary>An HTTP function that throws answers a 500 problem with no detail, as the self-host does; the exception is logged.</summary>
internal sealed class ProblemDetailsMiddleware(ILogger<ProblemDetailsMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http)
        {
            logger.LogError(e, "Function {FunctionName} failed", context.FunctionDefinition.Name);
            await Problems.Unexpected().ExecuteAsync(http);
        }
    }
}
