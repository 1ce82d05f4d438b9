using CrewBuilder.Core.Billing;

namespace CrewBuilder.Core.Generation;

/// <summary>What a generation is expected to spend: tokens in and out, and their price at the models that would run it.</summary>
public sealed record Forecast(long InputTokens, long OutputTokens, decimal? CostUsd, string StandardModel, string AdvancedModel);

/// <summary>
/// Forecasts a generation's own cost from the requirement's size, before it starts: each model step reads its
/// instructions, the requirement and what earlier steps produced, and writes about its token cap's worth or less.
/// Architecture and review run on the advanced model, the other steps on the standard one.
/// </summary>
public static class GenerationForecast
{
    private sealed record StepCost(string Step, long Instructions, long Context, long Output, bool Advanced);

    private static readonly StepCost[] Steps =
    [
        new(GenerationSteps.Analyse, 350, 0, 500, false),
        new(GenerationSteps.Feasibility, 300, 300, 1_200, false),
        new(GenerationSteps.DesignAgents, 450, 1_200, 1_400, true),
        new(GenerationSteps.DesignTasks, 350, 1_400, 1_400, false),
        new(GenerationSteps.WriteCode, 350, 1_600, 1_500, false),
        new(GenerationSteps.Review, 350, 1_600, 500, true),
    ];

    public static Forecast Estimate(string requirement, string standardModel, string advancedModel)
    {
        var requirementTokens = Math.Max(1, requirement.Length / 4);
        long input = 0, output = 0;
        decimal? cost = 0;
        foreach (var step in Steps)
        {
            var stepInput = step.Instructions + step.Context + requirementTokens;
            input += stepInput;
            output += step.Output;
            cost += ModelPrices.EstimateUsd(step.Advanced ? advancedModel : standardModel, stepInput, step.Output);
        }

        return new Forecast(input, output, cost is null ? null : Math.Round(cost.Value, 4), standardModel, advancedModel);
    }
}
