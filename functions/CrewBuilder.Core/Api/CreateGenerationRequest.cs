using CrewBuilder.Core.Generation.Requests;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Core.Api;

/// <summary>
/// A generation to start. <paramref name="KeySource"/> (once, saved, platform or server) and <paramref name="Provider"/> choose the
/// key, else the default order; a key for this generation only comes as <paramref name="EncryptedKey"/>, encrypted like a saved
/// key; <paramref name="Credit"/> is the claim of a paid one-off generation, spent on CrewBuilder's own AI;
/// <paramref name="Model"/> names the model (with CrewBuilder's own AI, one of the plan's). With <paramref name="ClarificationId"/>
/// the requirement is the clarification chat's (its transcript and refined requirement); a chat started without an account
/// also needs its <paramref name="ClarificationToken"/>. With <paramref name="TemplateId"/> it is the template's, with its
/// architecture hints. With <paramref name="ParentId"/> and <paramref name="Instruction"/> it refines an earlier generation; one
/// made without an account also needs its <paramref name="ParentToken"/> (the access token it was created with).
/// <paramref name="OrgId"/> names the organisation whose key pays, for a member of several (it implies keySource organisation).
/// <paramref name="Layout"/> is the project's shape: classic (the default) or json.
/// </summary>
public sealed record CreateGenerationRequest(
    string? Requirement, string? KeySource = null, string? Provider = null, string? EncryptedKey = null, string? Credit = null, string? Model = null,
    string? ClarificationId = null, string? ClarificationToken = null, string? TemplateId = null, string? ParentId = null, string? Instruction = null,
    string? ParentToken = null, string? OrgId = null, string? Layout = null)
{
    public const int MaxInstructionLength = 2_000;

    public GenerationRequestOptions ToOptions() =>
        new(Requirement?.Trim() ?? "", KeySource, Provider, EncryptedKey, Credit, Model, ClarificationId, ClarificationToken, TemplateId, ParentId, Instruction, ParentToken, OrgId, Layout);

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var sources = new[] { ClarificationId, TemplateId, ParentId }.Count(source => source is not null);
        if (sources > 1)
        {
            errors["requirement"] = ["Start from one of clarificationId, templateId or parentId, not several."];
            return errors;
        }

        if (OrgId is not null && (KeySource is not (null or "organisation") || Credit is not null))
        {
            errors["orgId"] = ["orgId names the organisation whose key pays: send it with keySource \"organisation\" (or no keySource), not with another key source or a credit."];
        }

        if (ParentId is not null && (Instruction?.Trim().Length ?? 0) is < 1 or > MaxInstructionLength)
        {
            errors["instruction"] = [$"Say how to change the crew in 1 to {MaxInstructionLength:N0} characters."];
        }

        if (ProjectLayouts.Parse(Layout) is null)
        {
            errors["layout"] = [$"The layout is one of {string.Join(", ", ProjectLayouts.Names)}."];
        }

        if (sources == 0)
        {
            foreach (var (field, problem) in RequirementRule.Errors(Requirement))
            {
                errors[field] = problem;
            }
        }

        return errors;
    }
}

/// <summary>The answer to a new generation; <paramref name="AccessToken"/> only for an anonymous caller, shown this once.</summary>
public sealed record GenerationAccepted(string Id, string StatusUrl, string? AccessToken = null);
