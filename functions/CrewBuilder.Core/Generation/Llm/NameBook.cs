using CrewBuilder.Core.Generation.Template;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// The names a step's answer may refer to, each under every spelling a model uses for it: the name itself, its
/// normalised key (<see cref="Naming.Key"/>, as a definition is normalised) and any alias (an agent's role). A
/// reference resolves to the one canonical name, or to nothing.
/// </summary>
public sealed class NameBook
{
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);

    public NameBook(IEnumerable<string> canonical)
    {
        foreach (var name in canonical)
        {
            Add(name, name);
        }
    }

    public IEnumerable<string> Canonical => names.Values.Distinct();

    /// <summary>Another spelling of <paramref name="name"/>; the first name to claim a spelling keeps it.</summary>
    public NameBook Add(string spelling, string name)
    {
        names.TryAdd(spelling, name);
        names.TryAdd(Naming.Unquote(spelling), name);
        names.TryAdd(Naming.Key(spelling, "item"), name);
        return this;
    }

    public string? Resolve(string reference) =>
        names.TryGetValue(reference, out var name) || names.TryGetValue(Naming.Unquote(reference), out name)
        || names.TryGetValue(Naming.Key(reference, "item"), out name)
            ? name
            : null;
}
