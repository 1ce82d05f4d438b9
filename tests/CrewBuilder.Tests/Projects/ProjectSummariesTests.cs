using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Tests.Generation;

namespace CrewBuilder.Tests.Projects;

public sealed class ProjectSummariesTests
{
    [Fact]
    public void The_monthly_cost_holds_the_integrations_own_fees_and_the_summary_gives_them_apart()
    {
        var (design, _) = TemplateProject.Generate("A crew that reconciles Stripe payouts against QuickBooks each week and e-mails the finance team a summary.");

        var summary = ProjectSummaries.Of(design);

        Assert.True(summary.IntegrationsPerMonthUsd > 0, $"no fees for {string.Join(", ", design.Integrations.Integrations.Select(system => system.Name))}");
        Assert.Equal(design.Integrations.Integrations.Sum(system => system.EstimatedMonthlyCostUsd), summary.IntegrationsPerMonthUsd);
        Assert.Equal(Math.Round(summary.CostPerRunUsd * summary.RunsPerMonth, 2) + summary.IntegrationsPerMonthUsd, summary.CostPerMonthUsd);
    }
}
