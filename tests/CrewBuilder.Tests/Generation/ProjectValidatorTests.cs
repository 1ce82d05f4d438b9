using CrewBuilder.Core.Generation.Project;

namespace CrewBuilder.Tests.Generation;

public sealed class ProjectValidatorTests
{
    private readonly ProjectValidator validator = new();

    [Fact]
    public void A_generated_project_is_valid()
    {
        var (design, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");

        Assert.Empty(validator.Validate(design, project));
    }

    [Fact]
    public void A_task_naming_a_missing_agent_is_reported()
    {
        var (design, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");
        var broken = design with
        {
            Plan = design.Plan with { Tasks = [design.Plan.Tasks[0] with { Agent = "ghost_agent" }, .. design.Plan.Tasks.Skip(1)] },
        };

        Assert.Contains(validator.Validate(broken, project), problem => problem.Contains("ghost_agent", StringComparison.Ordinal));
    }

    [Fact]
    public void A_task_depending_on_a_later_task_is_reported()
    {
        var (design, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");
        var tasks = design.Plan.Tasks;
        var broken = design with { Plan = design.Plan with { Tasks = [tasks[0] with { Context = [tasks[1].Key] }, .. tasks.Skip(1)] } };

        Assert.Contains(validator.Validate(broken, project), problem => problem.Contains("does not run before it", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_crew_file_is_reported()
    {
        var (design, project) = TemplateProject.Generate("A crew that triages our support inbox and drafts replies.");
        var broken = project with { Files = [.. project.Files.Where(f => !f.Path.EndsWith("crew.py", StringComparison.Ordinal))] };

        Assert.Contains(validator.Validate(design, broken), problem => problem.Contains("crew.py", StringComparison.Ordinal));
    }
}
