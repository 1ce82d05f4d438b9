using CrewBuilder.Core.Generation.Gate;

namespace CrewBuilder.Core.Generation.Review;

/// <summary>
/// One deterministic check of a generated project, what it found (empty when it passed) and, when something is left for
/// the user to do that no generator can (such as locking the dependencies), that step.
/// </summary>
public sealed record ReviewCheck(string Name, IReadOnlyList<string> Problems, string? LeftToUser = null)
{
    public bool Passed => Problems.Count == 0;
}

/// <summary>The language model's review: whether the crew fits the requirement and follows CrewAI practice.</summary>
public sealed record ModelReview(string Verdict, string Alignment, IReadOnlyList<string> Findings)
{
    public bool Approves => Verdict == "pass";
}

/// <summary>
/// The review of one round: the deterministic checks, then (with a model) its review. <paramref name="Round"/> is how
/// many repair rounds came before it.
/// </summary>
public sealed record ReviewReport(int Round, IReadOnlyList<ReviewCheck> Checks, ModelReview? Model, string PythonChecker)
{
    /// <summary>The runnable gate's result on the reviewed code, once the review let it run.</summary>
    public GateResult? Gate { get; init; }

    public bool ChecksPassed => Checks.All(check => check.Passed);

    public bool Passed => ChecksPassed && (Model?.Approves ?? true);

    /// <summary>What the code step is asked to fix: every failed check's problems, then the model's findings.</summary>
    public IReadOnlyList<string> Findings =>
        [.. Checks.SelectMany(check => check.Problems.Select(problem => $"{check.Name}: {problem}")),
         .. Model is { Approves: false } model ? model.Findings : []];
}
