namespace CrewBuilder.Core.Generation.Gate;

/// <summary>crew_gate.py, which runs the gate inside whichever sandbox: shipped in this assembly and in the session pool's image.</summary>
public static class GateScript
{
    public const string FileName = "crew_gate.py";

    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(GateScript).Assembly.GetManifestResourceStream(FileName)
            ?? throw new InvalidOperationException($"{FileName} is not embedded in {typeof(GateScript).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
