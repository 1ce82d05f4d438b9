using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Generation;

/// <summary>A generation's row in the generation index: partition = tenant, row = generation id.</summary>
public sealed class GenerationEntity : ITableEntity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Requirement { get; set; } = "";
    public string Status { get; set; } = nameof(GenerationStatus.Queued);
    public string Mode { get; set; } = nameof(GenerationMode.Template);
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }
    public string StepsJson { get; set; } = "[]";
    public string FilesJson { get; set; } = "[]";
    public string? ArtifactBlob { get; set; }
    public string? PackageName { get; set; }

    /// <summary>For an anonymous generation: the hash of the access token returned when it was created.</summary>
    public string? AccessTokenHash { get; set; }

    /// <summary>Where the key came from and whose it was (never the key).</summary>
    public string? KeySource { get; set; }

    public string? Provider { get; set; }

    /// <summary>The model the generation's steps ran on, and the tokens they spent in all.</summary>
    public string? Model { get; set; }

    public long TokensIn { get; set; }
    public long TokensOut { get; set; }

    /// <summary>The estimated cost of those tokens, added call by call at each call's model (invariant decimal text).</summary>
    public string? CostUsd { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public decimal? EstimatedCostUsd
    {
        get => CostUsd is null ? null : decimal.Parse(CostUsd, System.Globalization.CultureInfo.InvariantCulture);
        set => CostUsd = value?.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The plan or paid credit the generation is charged to.</summary>
    public string? QuotaAccount { get; set; }

    public string? Plan { get; set; }

    /// <summary>The finished project's summary (JSON), and the calls of repeatable steps already counted.</summary>
    public string? SummaryJson { get; set; }

    public string RecordedCalls { get; set; } = "";

    /// <summary>The generation this one refines, if any.</summary>
    public string? ParentId { get; set; }

    /// <summary>The person's rating of the result: 1 to 5 stars and what they said.</summary>
    public int? RatingStars { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    public GenerationStatus StatusValue
    {
        get => Enum.Parse<GenerationStatus>(Status);
        set => Status = value.ToString();
    }

    public List<StepProgress> ReadSteps() => JsonSerializer.Deserialize<List<StepProgress>>(StepsJson, Json) ?? [];

    public void WriteSteps(IEnumerable<StepProgress> steps) => StepsJson = JsonSerializer.Serialize(steps, Json);

    public List<ArtifactFile> ReadFiles() => JsonSerializer.Deserialize<List<ArtifactFile>>(FilesJson, Json) ?? [];

    public void WriteFiles(IEnumerable<ArtifactFile> files) => FilesJson = JsonSerializer.Serialize(files, Json);

    public ProjectSummary? ReadSummary() => SummaryJson is null ? null : JsonSerializer.Deserialize<ProjectSummary>(SummaryJson, Json);

    public void WriteSummary(ProjectSummary? summary) => SummaryJson = summary is null ? null : JsonSerializer.Serialize(summary, Json);

    public static GenerationEntity New(GenerationRef generation, string requirement, string? accessTokenHash, DateTimeOffset now, string? parentId = null)
    {
        var entity = new GenerationEntity
        {
            ParentId = parentId,
            PartitionKey = generation.TenantId,
            RowKey = generation.GenerationId,
            Requirement = requirement,
            AccessTokenHash = accessTokenHash,
            KeySource = generation.Key?.Source.ToString(),
            Provider = generation.Key?.Provider,
            QuotaAccount = generation.QuotaAccount,
            Plan = generation.Plan,
            Model = generation.Model,
            Mode = generation.Mode.ToString(),
            CreatedAt = now,
        };
        entity.WriteSteps(GenerationSteps.All.Select(step => new StepProgress(step, StepStatus.Pending, null, null)));
        return entity;
    }

    /// <summary>The generation as its workflow knows it, for settling it outside the workflow (a cancellation).</summary>
    public GenerationRef ToRef() => new(
        RowKey, PartitionKey, Enum.Parse<GenerationMode>(Mode),
        KeySource is null || Provider is null ? null : new Keys.KeySelection(Enum.Parse<Keys.KeySource>(KeySource), Provider, null),
        QuotaAccount, Plan, Model);

    public GenerationView ToView()
    {
        var steps = ReadSteps();
        return new GenerationView(
            RowKey, StatusValue, Enum.Parse<GenerationMode>(Mode), steps, Progress(steps), CreatedAt, CompletedAt, Error, ReadFiles(),
            KeySource is null ? null : Enum.Parse<Keys.KeySource>(KeySource), Provider, Model, ReadSummary(),
            new GenerationCost(
                ((CompletedAt ?? CreatedAt) - CreatedAt).TotalSeconds, TokensIn, TokensOut, EstimatedCostUsd),
            ParentId,
            RatingStars is { } stars ? new GenerationRating(stars, RatingComment, RatedAt!.Value) : null);
    }

    public GenerationSummary ToSummary()
    {
        const int previewLength = 140;
        var preview = Requirement.Length <= previewLength ? Requirement : Requirement[..(previewLength - 1)] + "…";
        return new GenerationSummary(RowKey, StatusValue, Enum.Parse<GenerationMode>(Mode), Progress(ReadSteps()), preview, PackageName, CreatedAt, CompletedAt);
    }

    private int Progress(List<StepProgress> steps)
    {
        var done = steps.Count(step => step.Status == StepStatus.Completed);
        return StatusValue == GenerationStatus.Completed ? 100 : Math.Min(99, done * 100 / Math.Max(1, steps.Count));
    }
}
