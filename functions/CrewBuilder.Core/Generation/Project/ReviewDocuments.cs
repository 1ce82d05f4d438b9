using System.Text;
using CrewBuilder.Core.Generation.Review;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>The reports that ship in the package: the integration feasibility report and the review report.</summary>
public static class ReviewDocuments
{
    public static string Feasibility(CrewDesign design)
    {
        var text = new StringBuilder("# Integration feasibility\n\n");
        var systems = design.Integrations.Integrations;
        if (systems.Count == 0)
        {
            return text.Append("The requirement names no external system; the crew works from its inputs, the web tools it lists and `knowledge/`.\n").ToString();
        }

        text.AppendLine("| System | API | Auth | Feasibility | Est. monthly cost |").AppendLine("|---|---|---|---|---|");
        foreach (var system in systems)
        {
            text.AppendLine($"| {system.Name} | {(system.ApiAvailable ? "yes" : "no")} | {system.AuthMethod} | {system.Feasibility} | ${system.EstimatedMonthlyCostUsd:0} |");
        }

        foreach (var system in systems)
        {
            text.AppendLine().AppendLine($"## {system.Name}").AppendLine()
                .AppendLine($"- Pricing: {system.PricingModel}")
                .AppendLine($"- Rate limits: {system.RateLimits}")
                .AppendLine($"- Base URL: {(system.BaseUrl is { } url ? $"`{url}`" : "not documented")}")
                .AppendLine($"- Key endpoints: {string.Join("; ", system.KeyEndpoints.Select(endpoint => $"`{endpoint}`"))}")
                .AppendLine($"- Alternatives: {(system.Alternatives.Count == 0 ? "none named" : string.Join(", ", system.Alternatives))}")
                .AppendLine($"- Environment variables: {string.Join(", ", system.EnvVars.Select(name => $"`{name}`"))}");
        }

        return text.ToString();
    }

    public static string Review(ReviewReport report)
    {
        var text = new StringBuilder("# Review\n\n")
            .AppendLine($"Verdict: **{(report.Passed ? "passed" : "open findings")}** after {report.Round} repair round{(report.Round == 1 ? "" : "s")}.")
            .AppendLine().AppendLine("## Checks").AppendLine()
            .AppendLine($"Python was checked with {report.PythonChecker}.").AppendLine();
        foreach (var check in report.Checks)
        {
            text.AppendLine($"- {(check.Passed ? "✅" : "❌")} {check.Name}");
            foreach (var problem in check.Problems)
            {
                text.AppendLine($"  - {problem}");
            }

            if (check.LeftToUser is { } step)
            {
                text.AppendLine($"  - {step}");
            }
        }

        if (report.Gate is { } gate)
        {
            text.AppendLine().AppendLine("## Runnable gate").AppendLine()
                .AppendLine($"{(gate.Verdict switch { Gate.GateVerdict.Passed => "✅", Gate.GateVerdict.Failed => "❌", _ => "➖" })} {gate.Line}");
            foreach (var error in gate.Errors)
            {
                text.AppendLine($"- {error}");
            }
        }

        if (report.Model is { } model)
        {
            text.AppendLine().AppendLine("## Model review").AppendLine()
                .AppendLine($"Verdict: **{model.Verdict}**").AppendLine().AppendLine(model.Alignment);
            if (model.Findings.Count > 0)
            {
                text.AppendLine();
                foreach (var finding in model.Findings)
                {
                    text.AppendLine($"- {finding}");
                }
            }
        }

        return text.ToString();
    }
}
