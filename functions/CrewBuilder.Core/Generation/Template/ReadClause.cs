namespace CrewBuilder.Core.Generation.Template;

/// <summary>
/// One clause of a requirement as a job: the verb's sense, what it acts on, the whole verb phrase as a sentence would
/// say it (pronouns replaced by what they stand for), the clause as written (the requirement point it answers), and
/// the systems it reads from, delivers to or checks against.
/// </summary>
internal sealed record ReadClause(
    VerbSense Sense,
    NounPhrase Object,
    string Action,
    string Point,
    string? Schedule,
    string? Quantity,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Destinations,
    IReadOnlyList<(string System, NounPhrase Data)> References);
