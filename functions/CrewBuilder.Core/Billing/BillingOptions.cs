using System.ComponentModel.DataAnnotations;
using CrewBuilder.Core.Identity;

namespace CrewBuilder.Core.Billing;

/// <summary>Stripe's credentials (Key Vault references in Azure). <see cref="ApiBase"/> is set only by tests.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }

    public string? WebhookSecret { get; set; }

    public Uri? ApiBase { get; set; }

    /// <summary>How old a webhook's signed timestamp may be, as Stripe's libraries default.</summary>
    [Range(1, 3600)]
    public int WebhookToleranceSeconds { get; set; } = 300;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);
}

/// <summary>
/// The Stripe price of each offer in <see cref="Plans.Catalog"/>, and limits that are policy rather than price.
/// </summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>Stripe price ids by plan id: basic, professional and generation (the $5 one-off).</summary>
    public Dictionary<string, string> Prices { get; set; } = [];

    /// <summary>Where the static site is, for Checkout's return links; empty: the address the request came to.</summary>
    public Uri? SiteUrl { get; set; }

    /// <summary>An Enterprise contract's cap on generations a period; null: unlimited.</summary>
    [Range(1, 1_000_000)]
    public int? EnterpriseGenerationCap { get; set; }

    /// <summary>How many one-off generations one checkout may buy.</summary>
    [Range(1, 100)]
    public int MaxGenerationsPerPurchase { get; set; } = 20;

    /// <summary>How long a paid one-off generation may wait to be used.</summary>
    public TimeSpan CreditLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The generations a period of <paramref name="plan"/> includes; null: no cap.</summary>
    public int? GenerationsPerPeriod(string plan) => plan == PlanIds.Enterprise ? EnterpriseGenerationCap : Plans.Get(plan).GenerationsPerPeriod;

    /// <summary>What CrewBuilder's own keys may cost in all each month (US dollars); null: no cap.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? PlatformMonthlySpendCapUsd { get; set; }

    /// <summary>What CrewBuilder's own keys may cost for one account each month (US dollars); null: no ceiling.</summary>
    [Range(typeof(decimal), "0", "1000000000")]
    public decimal? TenantMonthlySpendCeilingUsd { get; set; }

    /// <summary>The Stripe price of an offer; null when this server does not sell it.</summary>
    public string? PriceOf(string plan) => Prices.GetValueOrDefault(plan) is { Length: > 0 } price ? price : null;

    public string? PlanOfPrice(string? priceId) =>
        string.IsNullOrEmpty(priceId) ? null : Prices.FirstOrDefault(pair => pair.Value == priceId && PlanIds.IsKnown(pair.Key)).Key;
}
