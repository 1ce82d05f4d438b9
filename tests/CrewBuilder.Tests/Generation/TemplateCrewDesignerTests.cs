using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Tests.Generation;

public sealed class TemplateCrewDesignerTests
{
    private readonly TemplateCrewDesigner designer = new();

    [Fact]
    public void Agents_and_tasks_are_named_after_the_work_the_requirement_asks_for()
    {
        var design = Design("A crew that triages our support inbox and drafts replies for the support team.");

        Assert.Equal(["support_inbox_triager", "replies_writer"], design.Roster.Agents.Select(a => a.Key));
        Assert.Equal(["triage_support_inbox", "draft_replies"], design.Plan.Tasks.Select(t => t.Key));
        Assert.Equal("support_inbox_crew", design.Analysis.PackageName);
        Assert.Equal("Support Inbox Triager", design.Roster.Agents[0].Role);
    }

    [Fact]
    public void Each_task_is_done_by_its_own_agent_and_builds_on_the_previous_task()
    {
        var design = Design("Monitor competitor prices, compare them with ours and report weekly changes to the sales team.");

        Assert.Equal(3, design.Plan.Tasks.Count);
        Assert.Equal(design.Roster.Agents.Select(a => a.Key), design.Plan.Tasks.Select(t => t.Agent));
        Assert.Empty(design.Plan.Tasks[0].Context);
        Assert.Equal([design.Plan.Tasks[0].Key], design.Plan.Tasks[1].Context);
        Assert.Equal("output/report.md", design.Plan.Tasks[^1].OutputFile);
    }

    [Fact]
    public void The_same_requirement_always_gives_the_same_crew()
    {
        const string requirement = "Research new leads on LinkedIn, score them and draft outreach emails.";

        Assert.Equal(Describe(Design(requirement)), Describe(Design(requirement)));
    }

    [Fact]
    public void Words_about_building_the_crew_itself_do_not_become_agents()
    {
        var design = Design("Please build me a crew that summarizes customer feedback from app store reviews.");

        Assert.DoesNotContain(design.Roster.Agents, agent => agent.Role.Contains("Builder", StringComparison.Ordinal));
        Assert.Equal("summarize_customer_feedback", design.Plan.Tasks[0].Key);
    }

    [Fact]
    public void A_single_capability_gets_a_reviewer_so_the_crew_has_two_agents()
    {
        var design = Design("Something that translates product descriptions into Spanish.");

        Assert.Equal(["translate_product_descriptions", "review_product_descriptions"], design.Plan.Tasks.Select(t => t.Key));
    }

    [Fact]
    public void A_requirement_without_recognisable_verbs_becomes_research_analysis_and_report_on_its_topic()
    {
        var design = Design("Quarterly insights about customer churn for our subscription business.");

        Assert.Equal(["research", "analyse", "report"], design.Analysis.Capabilities.Select(c => c.Verb));
        Assert.All(design.Analysis.Capabilities, c => Assert.Equal("quarterly insights", c.Subject));
    }

    [Fact]
    public void At_most_five_agents_are_designed()
    {
        var design = Design("Collect invoices, extract totals, validate them, reconcile payments, flag anomalies, notify finance and archive everything.");

        Assert.Equal(RequirementReader.MaxCapabilities, design.Roster.Agents.Count);
    }

    [Theory]
    [InlineData("123 class import !!! and then some more words here")]
    [InlineData("Écrire des résumés de réunions pour l'équipe commerciale")]
    public void Names_are_valid_python_identifiers_whatever_the_requirement(string requirement)
    {
        var design = Design(requirement);

        Assert.True(Naming.IsPythonIdentifier(design.Analysis.PackageName), design.Analysis.PackageName);
        Assert.All(design.Roster.Agents, a => Assert.True(Naming.IsPythonIdentifier(a.Key), a.Key));
        Assert.All(design.Plan.Tasks, t => Assert.True(Naming.IsPythonIdentifier(t.Key), t.Key));
    }

    private CrewDesign Design(string requirement)
    {
        var analysis = designer.Analyse(requirement);
        var feasibility = designer.AssessIntegrations(analysis);
        var roster = designer.DesignAgents(analysis, feasibility);
        return new CrewDesign(analysis, roster, designer.DesignTasks(analysis, roster), feasibility);
    }

    private static string Describe(CrewDesign design) =>
        string.Join('|', design.Roster.Agents.Select(a => $"{a.Key}:{a.Role}:{a.Goal}").Concat(design.Plan.Tasks.Select(t => $"{t.Key}:{t.Description}")));
}
