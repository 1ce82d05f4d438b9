using CrewBuilder.Core.Generation;

namespace CrewBuilder.Core.Clarification;

/// <summary>One turn of a clarification chat: the assistant's question or the person's answer.</summary>
public sealed record ChatMessage(string Role, string Text, DateTimeOffset At)
{
    public const string Assistant = "assistant";
    public const string User = "user";
}

/// <summary>The requirement as the chat left it: what the crew must do and within which limits.</summary>
public sealed record RefinedRequirement(
    string Summary,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<string> SuccessCriteria,
    IReadOnlyList<string> Assumptions,
    IReadOnlyList<string> OutOfScope);

/// <summary>The interviewer's next move: another question, or enough to go on and the refined requirement.</summary>
public sealed record ClarifierTurn(string? Question, RefinedRequirement? Refined)
{
    public bool Done => Refined is not null;
}

/// <summary>A clarification as its caller sees it; <paramref name="AccessToken"/> only when an anonymous caller started it, shown once.</summary>
public sealed record ClarificationView(
    string Id, string Requirement, string Status, IReadOnlyList<ChatMessage> Messages, RefinedRequirement? Refined, bool UsesModel, string? AccessToken = null);

/// <summary>What a caller sends: the requirement that starts a chat, or an answer that continues it.</summary>
public sealed record StartClarificationRequest(string? Requirement)
{
    public Dictionary<string, string[]> Validate() => RequirementRule.Errors(Requirement);
}

public sealed record ClarificationReply(string? Message)
{
    public const int MaxLength = 2_000;

    public Dictionary<string, string[]> Validate() =>
        (Message?.Trim().Length ?? 0) is >= 1 and <= MaxLength ? [] : new() { ["message"] = [$"Answer in 1 to {MaxLength:N0} characters."] };
}
