using CrewBuilder.Core.Generation.Review;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>The line a person reads under each finished step: what it found or made, in their words.</summary>
public static class StepSummaries
{
    public static string Analysed(RequirementAnalysis analysis) =>
        $"Understood {Count(analysis.Capabilities.Count, "job")}: {string.Join(", ", analysis.Capabilities.Select(c => $"{c.Verb} {c.Subject}"))}"
        + (analysis.IntegrationNames.Count > 0 ? $"; systems named: {string.Join(", ", analysis.IntegrationNames)}." : ".");

    public static string Assessed(FeasibilityReport report) =>
        report.Integrations.Count == 0
            ? "No external system to integrate."
            : $"Assessed {Count(report.Integrations.Count, "integration")}: {string.Join(", ", report.Integrations.Select(system => $"{system.Name} ({system.Feasibility})"))}.";

    public static string Designed(AgentRoster roster) =>
        $"Designed {Count(roster.Agents.Count, "agent")} ({roster.Process}): {string.Join(", ", roster.Agents.Select(agent => agent.Role))}"
        + (roster.Tools.Count > 0 ? $"; {Count(roster.Tools.Count, "custom tool")}." : ".");

    public static string Planned(TaskPlan plan, RequirementAnalysis analysis) =>
        $"Planned {Count(plan.Tasks.Count, "task")} answering {Count(analysis.RequirementPoints.Count, "requirement point")}.";

    public static string Coded(CodeResult code) =>
        $"Wrote {Count(code.Project.Files.Count, "file")}, {Count(code.Design.Roster.Tools.Count + 1, "tool")} included.";

    public static string ToolWritten(CustomTool tool) =>
        tool.RunBody is null ? $"{tool.Name} keeps its built-in body." : $"Wrote the body of {tool.Name}.";

    public static string ModelReviewed(ModelReview review) =>
        review.Approves ? "The model review approved it." : $"The model review asked for {Count(review.Findings.Count, "change")}.";

    public static string Reviewed(ReviewReport report)
    {
        var passed = report.Checks.Count(check => check.Passed);
        var verdict = report.Model is null ? "" : report.Model.Approves ? "; the model review approved it" : $"; the model review asked for {Count(report.Model.Findings.Count, "change")}";
        return $"{passed} of {report.Checks.Count} checks passed{verdict}"
            + (report.Round > 0 ? $", after {Count(report.Round, "repair round")}." : ".");
    }

    public static string Gated(Gate.GateResult result) => result.Line;

    private static readonly string[] Documents = ["README.md", "AGENTS.md", "FEASIBILITY.md", "REVIEW.md"];

    public static string Documented(IReadOnlyList<ProjectFile> documents) =>
        $"Wrote {string.Join(", ", Documents.Where(path => documents.Any(file => file.Path == path)))}.";

    public static string Deployable(IReadOnlyList<ProjectFile> files) =>
        $"Added {Count(files.Count, "file")}: a Dockerfile, docker-compose.yml, and azure.yaml with Bicep for Azure Container Apps (azd up).";

    public static string Packaged(PackagedArtifact artifact) =>
        $"Packaged {Count(artifact.Files.Count, "file")} ({Math.Max(1, artifact.Files.Sum(file => file.Size) / 1024)} KB).";

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
