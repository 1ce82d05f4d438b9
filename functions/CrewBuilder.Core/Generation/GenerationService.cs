using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Observability;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Generation;

public sealed record ArtifactDownload(Stream Content, string FileName);

/// <summary>What callers can do with generations: start one, follow it, download its project.</summary>
public sealed class GenerationService(GenerationStore generations, ArtifactStore artifacts, ILogger<GenerationService> logger)
{
    /// <summary>The tenant of generations started without an account.</summary>
    public const string AnonymousTenant = "anonymous";

    public async Task<GenerationRef> StartAsync(
        string tenantId, string requirement, IGenerationScheduler scheduler, CancellationToken cancellationToken)
    {
        var generation = new GenerationRef(Guid.NewGuid().ToString("N"), tenantId, GenerationMode.Template);
        await generations.AddAsync(generation, requirement, cancellationToken);
        try
        {
            await scheduler.ScheduleAsync(new GenerationInput(generation, requirement), cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Generation {GenerationId} could not be scheduled", generation.GenerationId);
            await generations.FailedAsync(generation, null, "The generation could not be started. Please try again.", CancellationToken.None);
            throw;
        }

        CrewBuilderTelemetry.GenerationsStarted.Add(1, new KeyValuePair<string, object?>("mode", generation.Mode.ToString()));
        logger.LogInformation("Generation {GenerationId} accepted in {Mode} mode", generation.GenerationId, generation.Mode);
        return generation;
    }

    public async Task<GenerationView?> FindAsync(string tenantId, string generationId, CancellationToken cancellationToken) =>
        IsGenerationId(generationId) ? (await generations.FindAsync(tenantId, generationId, cancellationToken))?.ToView() : null;

    /// <summary>The project zip, or null while the generation is unknown or not completed.</summary>
    public async Task<ArtifactDownload?> OpenArtifactAsync(string tenantId, string generationId, CancellationToken cancellationToken)
    {
        var entity = IsGenerationId(generationId) ? await generations.FindAsync(tenantId, generationId, cancellationToken) : null;
        if (entity is not { StatusValue: GenerationStatus.Completed, ArtifactBlob: { } blob })
        {
            return null;
        }

        return new ArtifactDownload(await artifacts.OpenAsync(blob, cancellationToken), $"{entity.PackageName ?? "crew"}.zip");
    }

    private static bool IsGenerationId(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
