using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Tests.Generation;

/// <summary>Runs the template-mode steps directly, as the workflow's activities do, for tests of their output.</summary>
internal static class TemplateProject
{
    public static (CrewDesign Design, GeneratedProject Project) Generate(string requirement)
    {
        var designer = new TemplateCrewDesigner();
        var analysis = designer.Analyse(requirement);
        var roster = designer.DesignAgents(analysis);
        var design = new CrewDesign(analysis, roster, designer.DesignTasks(analysis, roster));
        var code = new CrewProjectWriter().WriteCode(design);
        return (design, new ProjectDocsWriter().Document(design, code, GenerationMode.Template));
    }
}
