using System.Text.Json;
using CrewBuilder.Core.Generation.Llm;
using static CrewBuilder.Core.Generation.Llm.JsonSchema;

namespace CrewBuilder.Core.Clarification;

/// <summary>
/// The interviewer with a model: one specific question per turn about what is still unclear, and, once it has
/// enough (about three to five answers; never more than five), the refined requirement.
/// </summary>
public sealed class ModelClarifier(StructuredAnswers answers)
{
    public const int MaxQuestions = 5;

    public Task<ClarifierTurn> NextAsync(LlmTarget target, string requirement, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var mustFinish = messages.Count(message => message.Role == ChatMessage.User) >= MaxQuestions;
        return answers.AskAsync(target, new StructuredRequest("clarify", $"""
            [step:clarify] You help a business person specify a CrewAI multi-agent crew before it is built. Ask ONE
            specific question per turn about what is still unclear: existing systems and integrations, how the crew
            gets credentials for them, volumes and frequency, and the outputs expected. Do not repeat a question.
            When you have enough (usually after 3 to 5 answers){(mustFinish ? " — and now you must finish" : "")}, set
            done to true, question to null, and give the refined requirement in the person's terms.
            """, JsonSerializer.Serialize(new { requirement, transcript = messages.Select(message => new { message.Role, message.Text }) }), Object(
                ("done", Boolean("Whether you have enough to build the crew.")),
                ("question", NullableString("The next question, or null when done.")),
                ("refined", Object(
                    ("summary", String("The requirement in one or two sentences.")),
                    ("features", Strings("What the crew must do.")),
                    ("constraints", Strings("Limits: systems, access, volumes, timing.")),
                    ("success_criteria", Strings("How the person will judge the result.")),
                    ("assumptions", Strings("What you assumed.")),
                    ("out_of_scope", Strings("What the crew will not do."))))), MaxTokens: 1500),
            answer => Read(answer, mustFinish), cancellationToken);
    }

    private static ClarifierTurn Read(JsonElement answer, bool mustFinish)
    {
        var done = mustFinish || answer.TryGetProperty("done", out var flag) && flag.ValueKind == JsonValueKind.True;
        if (!done)
        {
            return answer.TryGetProperty("question", out var question) && question.ValueKind == JsonValueKind.String && question.GetString()!.Trim() is { Length: > 0 } text
                ? new ClarifierTurn(text, null)
                : throw new InvalidAnswerException("Give the next question, or set done to true with the refined requirement.");
        }

        var refined = answer.TryGetProperty("refined", out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new InvalidAnswerException("'refined' must hold the refined requirement.");
        return new ClarifierTurn(null, new RefinedRequirement(
            refined.TryGetProperty("summary", out var summary) && summary.GetString() is { Length: > 0 } s ? s : throw new InvalidAnswerException("'refined.summary' must not be empty."),
            List(refined, "features"), List(refined, "constraints"), List(refined, "success_criteria"), List(refined, "assumptions"), List(refined, "out_of_scope")));
    }

    private static List<string> List(JsonElement item, string name) =>
        item.TryGetProperty(name, out var values) && values.ValueKind == JsonValueKind.Array
            ? [.. values.EnumerateArray().Where(value => value.ValueKind == JsonValueKind.String).Select(value => value.GetString()!.Trim()).Where(text => text.Length > 0)]
            : [];
}
