using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Tests.Generation.Template;

/// <summary>The properties every template-mode design must have, checked on 49 varied requirements, five of them in French or Spanish.</summary>
public sealed class TemplateDesignPropertiesTests
{
    private static readonly TemplateCrewDesigner Designer = new();

    [Theory]
    [MemberData(nameof(TemplateRequirementCase.All), MemberType = typeof(TemplateRequirementCase))]
    public void Each_design_has_one_agent_per_job_within_the_cases_range_and_two_to_seven_in_all(TemplateRequirementCase @case)
    {
        var design = Design(@case.Requirement);

        Assert.InRange(design.Roster.Agents.Count, @case.MinAgents, @case.MaxAgents);
        Assert.InRange(design.Roster.Agents.Count, 2, 7);
        Assert.Equal(design.Roster.Agents.Count, design.Plan.Tasks.Count);
        Assert.Equal(design.Roster.Agents.Select(agent => agent.Key), design.Plan.Tasks.Select(task => task.Agent));
        Assert.Equal(design.Roster.Agents.Count, design.Roster.Agents.Select(agent => agent.Role).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TemplateRequirementCase.All), MemberType = typeof(TemplateRequirementCase))]
    public void Agents_are_named_after_the_objects_the_requirement_names(TemplateRequirementCase @case)
    {
        var roles = Design(@case.Requirement).Roster.Agents.Select(agent => agent.Role).ToList();

        Assert.All(@case.Named, name => Assert.True(roles.Any(role => role.Contains(name, StringComparison.Ordinal)), $"No agent's name holds '{name}': {string.Join(", ", roles)}"));
    }

    [Theory]
    [MemberData(nameof(TemplateRequirementCase.All), MemberType = typeof(TemplateRequirementCase))]
    public void The_systems_people_and_numbers_the_requirement_names_are_in_the_agents_work(TemplateRequirementCase @case)
    {
        var design = Design(@case.Requirement);
        var work = string.Join('\n', design.Roster.Agents.Select(agent => agent.Goal).Concat(design.Plan.Tasks.Select(task => task.Description.Split('\n')[0])));

        Assert.All(@case.Mentioned, name => Assert.Contains(name, work, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TemplateRequirementCase.All), MemberType = typeof(TemplateRequirementCase))]
    public void No_name_is_a_fragment_a_pronoun_or_markup(TemplateRequirementCase @case)
    {
        var design = Design(@case.Requirement);
        var names = design.Roster.Agents.Select(agent => agent.Role).Append(design.Analysis.Title).ToList();

        Assert.Empty(names.SelectMany(EnglishChecks.NameProblems));
        Assert.True(Naming.IsPythonIdentifier(design.Analysis.PackageName), design.Analysis.PackageName);
        Assert.False(Naming.IsReservedScriptName(design.Analysis.PackageName), design.Analysis.PackageName);
        Assert.EndsWith("_crew", design.Analysis.PackageName, StringComparison.Ordinal);
        Assert.DoesNotContain(design.Analysis.PackageName.Split('_'), word => word is "them" or "it" or "they" or "each" or "ones" or "me" or "us" or "our" or "against" or "whose");
        Assert.All(design.Roster.Agents.Select(agent => agent.Key).Concat(design.Plan.Tasks.Select(task => task.Key)), key => Assert.True(Naming.IsPythonIdentifier(key), key));
    }

    [Theory]
    [MemberData(nameof(TemplateRequirementCase.All), MemberType = typeof(TemplateRequirementCase))]
    public void Every_generated_sentence_reads_as_english(TemplateRequirementCase @case)
    {
        var design = Design(@case.Requirement);
        var sentences = design.Roster.Agents.SelectMany(agent => new[] { agent.Goal, agent.Backstory })
            .Concat(design.Plan.Tasks.SelectMany(task => task.Description.Split("\n\n").Append(task.ExpectedOutput)))
            .Append(design.Analysis.Summary);

        Assert.Empty(sentences.SelectMany(EnglishChecks.SentenceProblems));
    }

    [Theory]
    [MemberData(nameof(TemplateRequirementCase.All), MemberType = typeof(TemplateRequirementCase))]
    public void Every_task_quotes_the_requirement_point_it_answers(TemplateRequirementCase @case)
    {
        var design = Design(@case.Requirement);

        Assert.Equal(design.Plan.Tasks.Count, design.Analysis.RequirementPoints.Count);
        Assert.All(design.Plan.Tasks.Select((task, index) => (task, index)), item =>
        {
            Assert.Equal([item.index], item.task.Covers);
            Assert.Contains($"\u201c{design.Analysis.RequirementPoints[item.index]}\u201d", item.task.Description, StringComparison.Ordinal);
        });
    }

    internal static CrewDesign Design(string requirement)
    {
        var analysis = Designer.Analyse(requirement);
        var feasibility = Designer.AssessIntegrations(analysis.Requirement);
        var roster = Designer.DesignAgents(analysis, feasibility);
        return new CrewDesign(analysis, roster, Designer.DesignTasks(analysis, roster), feasibility);
    }
}
