using System.Diagnostics;
using CrewBuilder.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>Authenticates the request and admits it to an endpoint, or answers 401, 403 or 429.</summary>
public sealed class ApiGate(Authenticator authenticator)
{
    public async Task<IResult> RunAsync(HttpRequest request, Access access, Func<Caller, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        return await authenticator.AuthenticateAsync(request, cancellationToken) switch
        {
            AuthResult.Admitted { Caller: var caller } => await AdmitAsync(caller, access, handle),
            AuthResult.TooManyFailures tooMany => Problems.TooManyFailedAuthentications(tooMany.RetryAfter),
            AuthResult.InvalidCredentials => Problems.Unauthorized(invalidToken: true),
            _ => throw new UnreachableException(),
        };
    }

    private static async Task<IResult> AdmitAsync(Caller caller, Access access, Func<Caller, Task<IResult>> handle)
    {
        if (!access.Admits.Contains(caller.Kind))
        {
            return caller.Kind == CallerKind.Anonymous ? Problems.Unauthorized(invalidToken: false) : Problems.Forbidden(access.Scope);
        }

        if (access.Scope is not null && caller.Lacks(access.Scope))
        {
            return Problems.Forbidden(access.Scope);
        }

        return await handle(caller);
    }
}
