using System.Globalization;
using System.Text.RegularExpressions;
using CrewBuilder.Core.Generation.Llm;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// What the model calls of a failed attempt spent, carried on its exception's message (the one thing of a failed activity
/// the workflow sees, as with Retry-After), so that every paid call counts whether its step succeeds or fails.
/// </summary>
public static partial class FailedAttemptSpend
{
    public static string Append(string message, LlmTokens spent) =>
        spent.Input + spent.Output == 0
            ? message
            : string.Create(CultureInfo.InvariantCulture, $"{message} [spent {spent.Input} in, {spent.Output} out on {spent.Model}]");

    /// <summary>The spend a message made by <see cref="Append"/> carries, as a record to add to the step; null when none.</summary>
    public static StepRecord? Read(string? message)
    {
        if (message is null || Spend().Match(message) is not { Success: true } match)
        {
            return null;
        }

        var model = match.Groups[3].Value;
        var input = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var output = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return new StepRecord("", model, input, output, Billing.ModelPrices.EstimateUsd(model, input, output));
    }

    /// <summary>The message as a person reads it.</summary>
    public static string Strip(string message) => Spend().Replace(message, "");

    [GeneratedRegex(@" \[spent (\d{1,12}) in, (\d{1,12}) out on ([A-Za-z0-9_.:/-]{0,100})\]$")]
    private static partial Regex Spend();
}
