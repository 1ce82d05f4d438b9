namespace CrewBuilder.Core.Generation.Project;

/// <summary>What a finished project is, in the numbers people compare: size, complexity and what running it costs.</summary>
public static class ProjectSummaries
{
    public static ProjectSummary Of(CrewDesign design)
    {
        var agents = design.Roster.Agents.Count;
        var integrations = design.Integrations.Integrations.Count;
        var complexity = agents >= 5 || integrations >= 3 || design.Process == "hierarchical" ? "high"
            : agents >= 3 || integrations >= 1 || design.Roster.Tools.Count > 0 ? "medium"
            : "low";
        var cost = RunningCost.Estimate(design);
        return new ProjectSummary(
            design.Analysis.Title, agents, design.Plan.Tasks.Count, integrations, complexity, cost.Model, cost.PerRunUsd, cost.RunsPerMonth, cost.PerMonthUsd,
            cost.IntegrationsPerMonthUsd);
    }
}
