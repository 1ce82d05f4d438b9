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

    /// <summary>For a generation on an organisation's key: the organisation that pays, and its name when it started.</summary>
    public string? OrganisationId { get; set; }

    public string? OrganisationName { get; set; }

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

    /// <summary>The finished project's summary (JSON).</summary>
    public string? SummaryJson { get; set; }

    /// <summary>The generation this one refines, if any.</summary>
    public string? ParentId { get; set; }

    /// <summary>The project's shape; rows written before layouts existed are classic.</summary>
    public string? Layout { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public ProjectLayout LayoutValue => Layout is null ? ProjectLayout.Classic : Enum.Parse<ProjectLayout>(Layout);

    /// <summary>The name its person gave it, if any.</summary>
    public string? Name { get; set; }

    /// <summary>The person's rating of the result: 1 to 5 stars and what they said.</summary>
    public int? RatingStars { get; set; }

    public string? RatingComment { get; set; }

    public DateTimeOffset? RatedAt { get; set; }

    public GenerationStatus StatusValue
    {
        get => Enum.Parse<GenerationStatus>(Status);
        set => Status = value.ToString();
    }

    /// <summary>The steps as they stood when the generation ended (not started, until then).</summary>
    public WorkflowProgress ReadProgress() =>
        new(JsonSerializer.Deserialize<List<StepProgress>>(StepsJson, Json) ?? [], Model);

    /// <summary>Takes the workflow's progress: the steps, and the model and tokens they spent in all.</summary>
    public void WriteProgress(WorkflowProgress progress)
    {
        StepsJson = JsonSerializer.Serialize(progress.Steps, Json);
        (Model, TokensIn, TokensOut, EstimatedCostUsd) = (Model ?? progress.Model, progress.TokensIn, progress.TokensOut, progress.CostUsd);
    }

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
            OrganisationId = generation.Key?.OrganisationId,
            QuotaAccount = generation.QuotaAccount,
            Plan = generation.Plan,
            Model = generation.Model,
            Layout = generation.Layout.ToString(),
            Mode = generation.Mode.ToString(),
            CreatedAt = now,
        };
        entity.WriteProgress(WorkflowProgress.NotStarted);
        return entity;
    }

    /// <summary>The generation as its workflow knows it, for settling it outside the workflow (a cancellation).</summary>
    public GenerationRef ToRef() => new(
        RowKey, PartitionKey, Enum.Parse<GenerationMode>(Mode),
        KeySource is null || Provider is null ? null : new Keys.KeySelection(Enum.Parse<Keys.KeySource>(KeySource), Provider, OrganisationId),
        QuotaAccount, Plan, Model, Layout: LayoutValue);

    /// <summary>The ended generation as the usage ledger records it.</summary>
    public Billing.EndedGeneration ToUsage() => new(
        PartitionKey, RowKey, CreatedAt, CompletedAt, Status, KeySource, Provider, Model, TokensIn, TokensOut, CostUsd, Plan, QuotaAccount);

    /// <summary>
    /// The generation as people see it. While it runs, <paramref name="live"/> is its workflow's progress: with it, the
    /// generation is running and its steps and spend are the workflow's; without it, it has not started yet.
    /// </summary>
    public GenerationView ToView(WorkflowProgress? live = null)
    {
        var (status, progress) = Seen(live);
        return new GenerationView(
            RowKey, status, Enum.Parse<GenerationMode>(Mode), progress.Steps, Percent(status, progress), CreatedAt, CompletedAt, Error, ReadFiles(),
            KeySource is null ? null : Enum.Parse<Keys.KeySource>(KeySource), Provider, progress.Model ?? Model, ReadSummary(),
            new GenerationCost(((CompletedAt ?? CreatedAt) - CreatedAt).TotalSeconds, progress.TokensIn, progress.TokensOut, progress.CostUsd),
            ParentId,
            RatingStars is { } stars ? new GenerationRating(stars, RatingComment, RatedAt!.Value) : null,
            OrganisationId is null ? null : new PayingOrganisation(OrganisationId, OrganisationName ?? ""),
            Charge(status),
            LayoutValue,
            Name,
            Requirement);
    }

    public GenerationSummary ToSummary(WorkflowProgress? live = null)
    {
        const int previewLength = 140;
        var preview = Requirement.Length <= previewLength ? Requirement : Requirement[..(previewLength - 1)] + "…";
        var (status, progress) = Seen(live);
        return new GenerationSummary(RowKey, status, Enum.Parse<GenerationMode>(Mode), Percent(status, progress), preview, PackageName, CreatedAt, CompletedAt, LayoutValue, Name, ParentId);
    }

    /// <summary>What the generation is charged to; it counts only once completed (a failure or cancel releases it).</summary>
    private Billing.GenerationCharge Charge(GenerationStatus status)
    {
        var to = Billing.GenerationCharge.KindOf(QuotaAccount, PartitionKey);
        return new Billing.GenerationCharge(to, to != Billing.ChargedTo.None && status == GenerationStatus.Completed);
    }

    [System.Runtime.Serialization.IgnoreDataMember]
    public bool Ended => StatusValue is GenerationStatus.Completed or GenerationStatus.Failed or GenerationStatus.Cancelled;

    /// <summary>A generation not ended with its workflow's progress is running; otherwise its row says where it is.</summary>
    private (GenerationStatus Status, WorkflowProgress Progress) Seen(WorkflowProgress? live) =>
        !Ended && live is not null ? (GenerationStatus.Running, live) : (StatusValue, ReadProgress());

    private static int Percent(GenerationStatus status, WorkflowProgress progress)
    {
        var done = progress.Steps.Count(step => step.Status == StepStatus.Completed);
        return status == GenerationStatus.Completed ? 100 : Math.Min(99, done * 100 / Math.Max(1, progress.Steps.Count));
    }
}
