namespace CrewBuilder.Core.Generation;

public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>
    /// A pause before each template-mode step. Zero in normal use; demos and durability tests raise it
    /// to hold a generation open long enough to watch it (or to stop the host in the middle of it).
    /// </summary>
    public TimeSpan TemplateStepDelay { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Runs the workflow's independent work one activity after another instead of side by side: the benchmark's
    /// baseline, never needed in use.
    /// </summary>
    public bool Sequential { get; set; }

    /// <summary>Generations one client address may start per hour without an account.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int AnonymousPerHour { get; set; } = 20;

    /// <summary>Generations one account (person or organisation) may start per hour, whatever its plan allows.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 100_000)]
    public int TenantPerHour { get; set; } = 60;
}
