using CrewBuilder.Core.Generation.Gate;
using CrewBuilder.Tests.Generation;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Tests.Gate;

/// <summary>
/// The gate's production adapter through a loopback stand-in of the session pool's REST API: the managed identity's
/// token for dynamic sessions, a session per generation and round, the project run by the pool image's gate server.
/// </summary>
public sealed class SessionPoolGateTests
{
    private const string Requirement = "A crew that triages our support inbox and drafts replies for the support team.";

    [GateFact]
    public async Task The_pool_runs_the_gate_in_the_named_session_with_the_managed_identitys_token()
    {
        using var pool = new SessionPoolStandIn();
        await pool.ReadyAsync();
        var credential = new FixedTokenCredential(SessionPoolStandIn.Token);
        var (_, project) = TemplateProject.Generate(Requirement);

        var result = await Sandbox(pool, credential).RunAsync(new GateRequest("generation-1", project.PackageName, Core.Generation.Naming.Pascal(project.PackageName), project.Files), CancellationToken.None);

        Assert.True(result.Verdict == GateVerdict.Passed, $"{result.Line} {string.Join(" ", result.Errors)}");
        Assert.Matches(@"^crew built · \d+ tests passed · dry run completed in \d+\.\d s \(stand-in crewai", result.Line);
        Assert.Equal(("generation-1", $"Bearer {SessionPoolStandIn.Token}", "/gate"), Assert.Single(pool.Requests));
        Assert.Equal([SessionPoolCrewSandbox.Scope], credential.Scopes);
    }

    [GateFact]
    public async Task A_pool_that_refuses_the_token_leaves_the_project_not_verified_rather_than_failed()
    {
        using var pool = new SessionPoolStandIn();
        var (_, project) = TemplateProject.Generate(Requirement);

        var result = await Sandbox(pool, new FixedTokenCredential("someone-elses-token")).RunAsync(new GateRequest("generation-2", project.PackageName, "X", project.Files), CancellationToken.None);

        Assert.Equal(GateVerdict.NotVerified, result.Verdict);
        Assert.Equal("not verified here: the session pool answered 401", result.Line);
        Assert.DoesNotContain("someone-elses-token", result.Line, StringComparison.Ordinal);
    }

    private static readonly HttpClient Http = new();

    private static SessionPoolCrewSandbox Sandbox(SessionPoolStandIn pool, FixedTokenCredential credential) => new(
        Http, credential, Options.Create(new SandboxOptions { PoolEndpoint = pool.BaseUrl }), NullLogger<SessionPoolCrewSandbox>.Instance);
}
