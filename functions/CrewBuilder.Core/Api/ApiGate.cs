using CrewBuilder.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>Authenticates the request and admits it to an endpoint, or answers 401, 403 or 429.</summary>
public sealed class ApiGate(Authenticator authenticator)
{
    public async Task<IResult> RunAsync(HttpRequest request, Access access, Func<Caller, Task<IResult>> handle, CancellationToken cancellationToken)
    {
        var outcome = await authenticator.AuthenticateAsync(request, cancellationToken);
        switch (outcome.Failure)
        {
            case AuthFailure.TooManyFailures:
                return Problems.TooManyFailedAuthentications(outcome.RetryAfter ?? TimeSpan.FromMinutes(1));
            case AuthFailure.InvalidCredentials:
                return Problems.Unauthorized(invalidToken: true);
        }

        var caller = outcome.Caller!;
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
