namespace CrewBuilder.Core.Generation;

/// <summary>The steps of a generation, in the order the workflow runs them.</summary>
public static class GenerationSteps
{
    public const string Analyse = "analyse";
    public const string Feasibility = "feasibility";
    public const string DesignAgents = "design-agents";
    public const string DesignTasks = "design-tasks";
    public const string WriteCode = "write-code";
    public const string Review = "review";
    public const string Gate = "gate";
    public const string Document = "document";
    public const string Deploy = "deploy";
    public const string Package = "package";

    private static readonly string[] Ordered = [Analyse, Feasibility, DesignAgents, DesignTasks, WriteCode, Review, Gate, Document, Deploy, Package];

    public static IReadOnlyList<string> All => Ordered;

    public static int NumberOf(string step) => Array.IndexOf(Ordered, step) + 1;
}
