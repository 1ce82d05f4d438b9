using System.Diagnostics;
using System.Net;
using System.Text;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Benchmarks;

/// <summary>
/// Authentication overhead per request, in-process with a warm key cache: the same Authenticator the
/// endpoints call, for an anonymous request (baseline), an OIDC JWT and a personal API token.
/// </summary>
internal static class AuthOverheadHarness
{
    private const int Warmup = 300;
    private const int Measured = 5000;

    public static async Task<string> RunAsync(AzuriteServer azurite)
    {
        using var issuer = new OidcIssuer();
        await using var provider = CoreHarness.Services(azurite, AzuriteServer.UniqueName("auth"), new Dictionary<string, string?>
        {
            ["Auth:Authority"] = issuer.Authority,
            ["Auth:Audience"] = OidcIssuer.Audience,
            ["Auth:RequireHttpsMetadata"] = "false",
        });
        var authenticator = provider.GetRequiredService<Authenticator>();

        var jwt = issuer.Issue("bench-subject", "bench@example.com");
        var userId = UserStore.UserId(issuer.Authority, "bench-subject");
        await provider.GetRequiredService<UserStore>().EnsureAsync(userId, "bench@example.com", "bench", CancellationToken.None);
        await provider.GetRequiredService<UserStore>().SetPlanAsync(userId, PlanIds.Professional, CancellationToken.None);
        var apiToken = (await provider.GetRequiredService<ApiTokenStore>().CreateAsync(
            userId, "bench", Scopes.All, TimeSpan.FromDays(1), CancellationToken.None)).Token;

        var anonymous = await MeasureAsync(authenticator, null);
        var jwtTimes = await MeasureAsync(authenticator, jwt);
        var tokenTimes = await MeasureAsync(authenticator, apiToken);
        return new StringBuilder()
            .AppendLine($"| authentication path ({Measured} requests after {Warmup} warm-up) | p50 | p99 |")
            .AppendLine("|---|---|---|")
            .AppendLine(Row("no credentials (baseline)", anonymous))
            .AppendLine(Row("OIDC JWT (RS256, cached keys, known user)", jwtTimes))
            .AppendLine(Row("personal API token (cb_, cached grant)", tokenTimes))
            .ToString();
    }

    private static async Task<double[]> MeasureAsync(Authenticator authenticator, string? bearer)
    {
        var times = new List<double>(Measured);
        for (var i = 0; i < Warmup + Measured; i++)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            if (bearer is not null)
            {
                context.Request.Headers.Authorization = $"Bearer {bearer}";
            }

            var clock = Stopwatch.GetTimestamp();
            var outcome = await authenticator.AuthenticateAsync(context.Request, CancellationToken.None);
            var elapsed = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
            if (outcome is not AuthResult.Admitted)
            {
                throw new InvalidOperationException($"The benchmark credential was refused: {outcome}");
            }

            if (i >= Warmup)
            {
                times.Add(elapsed);
            }
        }

        return [.. times.Order()];
    }

    private static string Row(string name, double[] sorted) =>
        $"| {name} | {Percentile(sorted, 0.50):F3} ms | {Percentile(sorted, 0.99):F3} ms |";

    private static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Ceiling(fraction * sorted.Length) - 1];
}
