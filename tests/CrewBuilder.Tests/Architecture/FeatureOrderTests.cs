namespace CrewBuilder.Tests.Architecture;

/// <summary>
/// Core's features form a one-way graph: each may use itself and the features before it in <see cref="Order"/>, never one
/// after it, so a reader can learn a feature knowing only what lies beneath. Organisations are people and their
/// records (directory, roles, vault, audit log) below keys, and their management (key rotation, policies) above billing;
/// Generation's vocabulary lies beneath its parts, and taking requests for generations sits above the ways a requirement
/// is composed (a clarification chat, a template). The composition root (<c>CrewBuilder.Core</c> itself) wires everything
/// and is the one exception.
/// </summary>
public sealed class FeatureOrderTests
{
    /// <summary>Lowest first.</summary>
    public static readonly IReadOnlyList<string> Order =
    [
        "Export",
        "Storage",
        "Scheduling",
        "Observability",
        "Identity",
        "Organisations",
        "Keys",
        "Billing",
        "Organisations.Management",
        "Webhooks",
        "Generation",
        "Generation.Design",
        "Generation.Template",
        "Generation.Review",
        "Generation.Project",
        "Generation.Llm",
        "Generation.Workflow",
        "Clarification",
        "Templates",
        "Generation.Requests",
        "Privacy",
        "Status",
        "Api",
        "Mcp",
    ];


    private static readonly Lazy<IReadOnlyList<Arrow>> CoreArrows = new(CoreDependencies.OfCore);

    [Fact]
    public void Each_feature_of_core_uses_only_the_features_before_it_in_the_order()
    {
        var against = CoreArrows.Value
            .Select(arrow => (Arrow: arrow, From: FeatureOf(arrow.From), To: FeatureOf(arrow.To)))
            .Where(use => use.From is not null && use.To is not null && Rank(use.From) < Rank(use.To))
            .GroupBy(use => (use.From, use.To, use.Arrow.File))
            .Select(uses => $"{uses.Key.From} → {uses.Key.To} in {uses.Key.File}: " +
                string.Join(", ", uses.Select(use => use.Arrow.What).Distinct()) + $" (line {uses.Min(use => use.Arrow.Line)})")
            .ToList();

        Assert.True(against.Count == 0, "Arrows against the feature order:\n" + string.Join('\n', against));
    }

    [Fact]
    public void Every_namespace_of_core_has_its_place_in_the_order()
    {
        var unplaced = CoreArrows.Value.SelectMany(arrow => new[] { arrow.From, arrow.To })
            .Where(ns => ns != CoreDependencies.RootNamespace && FeatureOf(ns) is null)
            .Distinct()
            .ToList();

        Assert.True(unplaced.Count == 0, "Namespaces with no place in the order: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void The_check_sees_uses_through_usings_signatures_calls_and_parent_namespaces()
    {
        var arrows = CoreDependencies.Of(
        [
            ("Low.cs", """
                using CrewBuilder.Core.High;
                namespace CrewBuilder.Core.Low;
                public static class Low { public static int Call() => Tool.Twice(2); }
                """),
            ("High.cs", """
                namespace CrewBuilder.Core.High;
                public sealed record Thing(int Value);
                public static class Tool { public static int Twice(int value) => value * 2; }
                """),
            ("Child.cs", """
                namespace CrewBuilder.Core.High.Child;
                public sealed class Child { public Thing Make() => new(1); }
                """),
        ]);

        Assert.Contains(arrows, a => a is { From: "CrewBuilder.Core.Low", To: "CrewBuilder.Core.High", What: "using CrewBuilder.Core.High" });
        Assert.Contains(arrows, a => a is { From: "CrewBuilder.Core.Low", To: "CrewBuilder.Core.High", What: "Tool", Line: 3 });
        Assert.Contains(arrows, a => a is { From: "CrewBuilder.Core.High.Child", To: "CrewBuilder.Core.High", What: "Thing" });
    }

    [Fact]
    public void The_readme_draws_the_same_order()
    {
        var readme = File.ReadAllText(Support.RepositoryPaths.Of("README.md"));
        var drawing = readme[readme.IndexOf("<!-- feature-order -->", StringComparison.Ordinal)..].Split("```")[1];
        var drawn = drawing.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
            .OfType<string>()
            .Where(first => first != "↓")
            .Reverse()
            .ToList();

        Assert.Equal(Order, drawn);
    }

    private static string? FeatureOf(string ns) => Order
        .Where(feature => ns == $"{CoreDependencies.RootNamespace}.{feature}" || ns.StartsWith($"{CoreDependencies.RootNamespace}.{feature}.", StringComparison.Ordinal))
        .MaxBy(feature => feature.Length);

    private static int Rank(string feature) => Order.ToList().IndexOf(feature);
}
