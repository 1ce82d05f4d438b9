using CrewBuilder.Core.Billing;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>What running the generated crew is likely to cost, per run and per month, at its default models (standard, and advanced for the agents that need it).</summary>
public sealed record RunningCostEstimate(string Model, long TokensPerRun, decimal PerRunUsd, int RunsPerMonth, decimal ModelPerMonthUsd, decimal IntegrationsPerMonthUsd)
{
    public decimal PerMonthUsd => ModelPerMonthUsd + IntegrationsPerMonthUsd;
}

public static class RunningCost
{
    // A task's agent typically reads the requirement, earlier results and tool output (~3k tokens) and writes ~1k; a
    // hierarchical manager adds about half again in delegation.
    private const long InputTokensPerTask = 3_000;
    private const long OutputTokensPerTask = 1_000;

    public static RunningCostEstimate Estimate(CrewDesign design)
    {
        var factor = design.Process == "hierarchical" ? 1.5m : 1m;
        var advanced = design.Roster.Agents.Where(agent => agent.Advanced).Select(agent => agent.Key).ToHashSet();
        long input = 0, output = 0;
        decimal perRun = 0;
        foreach (var task in design.Plan.Tasks)
        {
            var (taskInput, taskOutput) = ((long)(InputTokensPerTask * factor), (long)(OutputTokensPerTask * factor));
            (input, output) = (input + taskInput, output + taskOutput);
            perRun += ModelPrices.EstimateUsd(advanced.Contains(task.Agent) ? CrewEnvironment.DefaultAdvancedModel : CrewEnvironment.DefaultModel, taskInput, taskOutput) ?? 0;
        }

        perRun = Math.Round(perRun, 4);
        var runs = Math.Max(1, design.Analysis.RunsPerMonth);
        return new RunningCostEstimate(
            CrewEnvironment.DefaultModel, input + output, perRun, runs, Math.Round(perRun * runs, 2),
            design.Integrations.Integrations.Sum(system => system.EstimatedMonthlyCostUsd));
    }
}
