namespace CrewBuilder.Core.Generation.Llm;

/// <summary>Tokens a generation step spent, and on which model.</summary>
public sealed record LlmTokens(string? Model, long Input, long Output);

/// <summary>
/// Counts the tokens of the model calls made while it is open. A step's activity opens one around its work and
/// <see cref="LlmClient"/> adds each answer's usage to the meter open on its async flow, as Activity.Current does
/// for traces; so the designers need not thread usage through every return value.
/// </summary>
public sealed class LlmUsageMeter : IDisposable
{
    private static readonly AsyncLocal<LlmUsageMeter?> Current = new();
    private readonly LlmUsageMeter? outer;
    private long input;
    private long output;
    private string? model;

    private LlmUsageMeter()
    {
        outer = Current.Value;
        Current.Value = this;
    }

    public static LlmUsageMeter Start() => new();

    public static void Record(string model, long inputTokens, long outputTokens)
    {
        if (Current.Value is { } meter)
        {
            Interlocked.Add(ref meter.input, inputTokens);
            Interlocked.Add(ref meter.output, outputTokens);
            meter.model = model;
        }
    }

    public LlmTokens Total => new(model, Interlocked.Read(ref input), Interlocked.Read(ref output));

    public void Dispose() => Current.Value = outer;
}
