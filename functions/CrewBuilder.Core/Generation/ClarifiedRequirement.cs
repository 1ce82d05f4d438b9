namespace CrewBuilder.Core.Generation;

/// <summary>
/// How a clarification chat's questions and answers are written into the requirement a generation is given, and read
/// back: what the model asked can then be told from what the person said, wherever the text travels (a refinement
/// carries its parent's).
/// </summary>
public static class ClarifiedRequirement
{
    public const string Heading = "Clarification (questions and answers):";

    private const string Question = "- Q: ";

    /// <summary>One question and its answer; the question on one line, so <see cref="WithoutQuestions"/> drops all of it.</summary>
    public static string Exchange(string question, string answer) => $"{Question}{question.ReplaceLineEndings(" ")}\n  A: {answer}\n";

    /// <summary>
    /// The requirement without the model's questions: a product a question only offered ("Slack or Microsoft Teams?")
    /// is not one the person chose.
    /// </summary>
    public static string WithoutQuestions(string requirement) =>
        string.Join('\n', requirement.Split('\n').Where(line => !line.StartsWith(Question, StringComparison.Ordinal)));
}
