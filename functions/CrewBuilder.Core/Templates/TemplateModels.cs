using CrewBuilder.Core.Generation;

namespace CrewBuilder.Core.Templates;

/// <summary>
/// A starting point for a generation: a requirement and hints for the architecture step. Built-in ones have a slug for
/// an id; a person's own have a generated id. A template never carries a key.
/// </summary>
public sealed record CrewTemplate(string Id, string Name, string Description, string Requirement, string? Hints, bool BuiltIn, DateTimeOffset? UpdatedAt = null)
{
    /// <summary>What a generation started from the template is given.</summary>
    public string RequirementWithHints() =>
        Hints is { Length: > 0 } hints ? $"{Requirement.Trim()}\n\nArchitecture hints: {hints.Trim()}" : Requirement.Trim();
}

/// <summary>The gallery: the built-in templates, the caller's own, and whether their plan lets them keep their own.</summary>
public sealed record TemplateList(IReadOnlyList<CrewTemplate> BuiltIn, IReadOnlyList<CrewTemplate> Custom, bool CustomAllowed);

/// <summary>A template to save: a requirement of its own, or the requirement of a finished generation.</summary>
public sealed record SaveTemplateRequest(string? Name, string? Requirement = null, string? Hints = null, string? GenerationId = null, string? Description = null)
{
    public const int MaxName = 80;
    public const int MaxHints = 2_000;
    public const int MaxDescription = 200;

    public Dictionary<string, string[]> Validate(bool updating)
    {
        var errors = new Dictionary<string, string[]>();
        if ((Name?.Trim().Length ?? 0) is < 1 or > MaxName)
        {
            errors["name"] = [$"Name the template in 1 to {MaxName} characters."];
        }

        if (!updating && (Requirement is null) == (GenerationId is null))
        {
            errors["requirement"] = ["Give a requirement, or the generationId of a generation to save, not both."];
        }
        else if (Requirement is not null && Requirement.Trim().Length is < RequirementRule.MinLength or > RequirementRule.MaxLength)
        {
            errors["requirement"] = [$"A requirement has {RequirementRule.MinLength} to {RequirementRule.MaxLength:N0} characters."];
        }

        if (Hints?.Length > MaxHints)
        {
            errors["hints"] = [$"Hints have at most {MaxHints:N0} characters."];
        }

        if (Description?.Length > MaxDescription)
        {
            errors["description"] = [$"A description has at most {MaxDescription} characters."];
        }

        foreach (var (field, text) in new[] { ("name", Name), ("requirement", Requirement), ("hints", Hints), ("description", Description) })
        {
            if (text is not null && Observability.KeyRedaction.HoldsSecret(text))
            {
                errors[field] = ["This looks like a key or token; templates never carry keys. Remove it."];
            }
        }

        return errors;
    }
}
