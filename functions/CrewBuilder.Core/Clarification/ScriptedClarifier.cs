namespace CrewBuilder.Core.Clarification;

/// <summary>
/// The interviewer without a model: four fixed questions, one per turn, on what the best crews need to know (the
/// systems involved, credentials, volume and timing, the result expected), then a refined requirement built from the
/// answers in the person's own words.
/// </summary>
public static class ScriptedClarifier
{
    private static readonly string[] Questions =
    [
        "Which systems does this work touch today (for example an inbox, a CRM, a spreadsheet), and which of them should the crew read from or write to?",
        "How will the crew get into those systems: do you have API keys or accounts it can use, and is anything off limits?",
        "How much work is there and how often: roughly how many items per day or week, and when should the crew run?",
        "What should the finished result look like, and how will you know the crew did a good job?",
    ];

    public static ClarifierTurn Next(string requirement, IReadOnlyList<ChatMessage> messages)
    {
        var answers = messages.Where(message => message.Role == ChatMessage.User).Select(message => message.Text).ToList();
        return answers.Count < Questions.Length
            ? new ClarifierTurn(Questions[answers.Count], null)
            : new ClarifierTurn(null, Refine(requirement, answers));
    }

    private static RefinedRequirement Refine(string requirement, List<string> answers) => new(
        requirement.Trim(),
        [requirement.Trim(), $"Works with: {answers[0]}"],
        [$"Access: {answers[1]}", $"Volume and timing: {answers[2]}"],
        [answers[3]],
        ["Credentials are supplied as environment variables, never in code."],
        ["Anything the answers above do not mention."]);
}
