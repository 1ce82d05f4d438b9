using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CrewBuilder.Tests.Architecture;

/// <summary>One use of a type of one Core namespace by code of another, where it is written.</summary>
public sealed record Arrow(string From, string To, string File, int Line, string What);

/// <summary>
/// Reads C# sources the way the compiler does (Roslyn's semantic model) and lists every use of a type declared in
/// another of their namespaces: a <c>using</c> directive, a type named in a signature, a member called. Types of a
/// parent namespace, which C# lets a child use without a <c>using</c>, are found too.
/// </summary>
public static class CoreDependencies
{
    public const string RootNamespace = "CrewBuilder.Core";

    public static IReadOnlyList<Arrow> OfCore() =>
        Of(Directory.EnumerateFiles(Support.RepositoryPaths.Of("functions", "CrewBuilder.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                           !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(path => (Path.GetRelativePath(Support.RepositoryPaths.Root, path), File.ReadAllText(path))));

    public static IReadOnlyList<Arrow> Of(IEnumerable<(string Path, string Text)> sources)
    {
        var trees = sources.Select(source => CSharpSyntaxTree.ParseText(
            source.Text, new CSharpParseOptions(LanguageVersion.Preview), source.Path)).ToList();
        var compilation = CSharpCompilation.Create(
            "CoreUnderReview", [.. trees, GlobalUsings()], References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var arrows = new List<Arrow>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetCompilationUnitRoot();
            var from = root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString();
            if (from is null)
            {
                continue;
            }

            foreach (var directive in root.Usings.Where(u => u.Name is not null))
            {
                AddIfOther(arrows, from, directive.Name!.ToString(), tree, directive, $"using {directive.Name}");
            }

            foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>().Where(n => n.Parent is not UsingDirectiveSyntax && !IsInUsing(n)))
            {
                var info = model.GetSymbolInfo(name);
                var type = DeclaringType(info.Symbol ?? info.CandidateSymbols.FirstOrDefault());
                if (type is not null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly))
                {
                    AddIfOther(arrows, from, type.ContainingNamespace.ToDisplayString(), tree, name, type.Name);
                }
            }
        }

        return arrows;
    }

    private static bool IsInUsing(SyntaxNode node) => node.Ancestors().Any(a => a is UsingDirectiveSyntax);

    private static INamedTypeSymbol? DeclaringType(ISymbol? symbol) => symbol switch
    {
        null or INamespaceSymbol => null,
        INamedTypeSymbol type => type.OriginalDefinition,
        IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
        _ => symbol.ContainingType?.OriginalDefinition,
    };

    private static void AddIfOther(List<Arrow> arrows, string from, string to, SyntaxTree tree, SyntaxNode at, string what)
    {
        if (to != from && to.StartsWith(RootNamespace, StringComparison.Ordinal))
        {
            var line = at.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
            arrows.Add(new Arrow(from, to, tree.FilePath, line, what));
        }
    }

    /// <summary>The SDK's implicit usings, which Core's project turns on.</summary>
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static SyntaxTree GlobalUsings() => CSharpSyntaxTree.ParseText(
        string.Join('\n', ImplicitUsings.Select(ns => $"global using global::{ns};")),
        new CSharpParseOptions(LanguageVersion.Preview));

    /// <summary>The framework and every library beside this test, which include all of Core's dependencies.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var beside = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => !Path.GetFileName(path).StartsWith("CrewBuilder.", StringComparison.Ordinal));
        return platform.Concat(beside)
            .DistinctBy(Path.GetFileName)
            .Where(path => !Path.GetFileName(path).StartsWith("CrewBuilder.", StringComparison.Ordinal))
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}
