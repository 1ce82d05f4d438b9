namespace CrewBuilder.Core.Billing;

/// <summary>List prices in US dollars per million tokens, input and output, for the models CrewBuilder uses.</summary>
public static class ModelPrices
{
    private static readonly Dictionary<string, (decimal Input, decimal Output)> PerMillionTokens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-4o-mini"] = (0.15m, 0.60m),
        ["gpt-4o"] = (2.50m, 10.00m),
        ["gpt-4.1-mini"] = (0.40m, 1.60m),
        ["gpt-4.1"] = (2.00m, 8.00m),
        ["claude-haiku-4-5"] = (1.00m, 5.00m),
        ["claude-sonnet-4-5"] = (3.00m, 15.00m),
        ["claude-opus-4-1"] = (15.00m, 75.00m),
    };

    /// <summary>The estimated cost of the tokens, to a hundred-millionth of a dollar; null for a model not in the table.</summary>
    public static decimal? EstimateUsd(string? model, long inputTokens, long outputTokens) =>
        model is not null && PerMillionTokens.TryGetValue(model, out var price)
            ? Math.Round((inputTokens * price.Input + outputTokens * price.Output) / 1_000_000m, 8)
            : null;
}
