using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Review;
using CrewBuilder.Core.Generation.Template;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrewBuilder.Tests.Generation;

/// <summary>Runs the template-mode steps directly, as the workflow's activities do, for tests of their output.</summary>
internal static class TemplateProject
{
    public static ProjectChecks Checks { get; } = new(new PythonSyntax(NullLogger<PythonSyntax>.Instance));

    public static (CrewDesign Design, GeneratedProject Project) Generate(string requirement, ProjectLayout layout = ProjectLayout.Classic)
    {
        var designer = new TemplateCrewDesigner();
        var analysis = designer.Analyse(requirement);
        var feasibility = designer.AssessIntegrations(analysis.Requirement);
        var roster = designer.DesignAgents(analysis, feasibility);
        var design = new CrewDesign(analysis, roster, designer.DesignTasks(analysis, roster), feasibility);
        return (design, Finish(design, new CrewProjectWriter().WriteCode(design, "0123456789abcdef0123456789abcdef", layout), GenerationMode.Template, layout));
    }

    /// <summary>Review, documents and deployment files for a written project, as the workflow's later steps add them.</summary>
    public static GeneratedProject Finish(CrewDesign design, GeneratedProject code, GenerationMode mode, ProjectLayout layout = ProjectLayout.Classic)
    {
        var review = new ReviewReport(0, Checks.RunAsync(design, code, CancellationToken.None).GetAwaiter().GetResult(), null, Checks.PythonChecker);
        return code.With(new ProjectDocsWriter().Document(design, mode, review, layout: layout)).With(new DeploymentWriter().Deploy(design, layout));
    }
}
