using Azure;
using Azure.Data.Tables;

namespace CrewBuilder.Core.Billing;

/// <summary>What an account may spend in its current period; row <c>balance</c> of the account's partition.</summary>
public sealed class QuotaBalanceEntity : ITableEntity
{
    public const string Row = "balance";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Plan { get; set; } = "";

    /// <summary>Generations the period allows; -1 for no cap.</summary>
    public int Limit { get; set; }

    public int Used { get; set; }
    public int Reserved { get; set; }
    public DateTimeOffset PeriodStart { get; set; }
    public DateTimeOffset PeriodEnd { get; set; }

    /// <summary>Whether the period renews each month (a plan) or the balance simply expires (paid one-off generations).</summary>
    public bool Renews { get; set; }

    public QuotaBalanceEntity Copy() => (QuotaBalanceEntity)MemberwiseClone();

    public QuotaBalance ToBalance() =>
        new(PartitionKey, Plan, Limit < 0 ? null : Limit, Used, Reserved, PeriodStart, PeriodEnd, Renews);
}

public enum ReservationState { Reserved, Committed, Released }

/// <summary>One generation's hold on an account; row <c>r-{generationId}</c>, in the same partition so both change in one transaction.</summary>
public sealed class QuotaReservationEntity : ITableEntity
{
    public const string RowPrefix = "r-";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string State { get; set; } = nameof(ReservationState.Reserved);
    public string TenantId { get; set; } = "";
    public string GenerationId { get; set; } = "";
    public DateTimeOffset ReservedAt { get; set; }

    /// <summary>The period the reservation was taken in: committing it after the period has renewed does not count against the new one.</summary>
    public DateTimeOffset PeriodStart { get; set; }

    public ReservationState StateValue
    {
        get => Enum.Parse<ReservationState>(State);
        set => State = value.ToString();
    }

    public static string RowOf(string generationId) => RowPrefix + generationId;
}

/// <summary>An account's period: <see cref="Limit"/> null means no cap.</summary>
public sealed record QuotaBalance(
    string Account, string Plan, int? Limit, int Used, int Reserved, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, bool Renews)
{
    public int? Remaining => Limit is { } limit ? Math.Max(0, limit - Used - Reserved) : null;
}
