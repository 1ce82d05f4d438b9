using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Storage;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Billing;

public enum CreditState { Pending, Paid, Refunded }

/// <summary>A purchase of one-off generations: what it is worth now. <see cref="Remaining"/> counts generations not used or held.</summary>
public sealed record CreditStatus(string CreditId, CreditState State, int Quantity, int Remaining, DateTimeOffset? ExpiresAt, string? CheckoutSessionId);

/// <summary>A new purchase and its claim, shown once: the claim is what spends it, and only its hash is kept.</summary>
public sealed record NewCredit(string CreditId, string Claim);

public sealed class CreditEntity : ITableEntity
{
    public const string Row = "credit";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ClaimHash { get; set; } = "";
    public int Quantity { get; set; }
    public string State { get; set; } = nameof(CreditState.Pending);
    public string? CheckoutSessionId { get; set; }
    public string? PaymentIntentId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }

    public CreditState StateValue
    {
        get => Enum.Parse<CreditState>(State);
        set => State = value.ToString();
    }
}

/// <summary>
/// Paid one-off generations. A purchase is created with its claim before checkout, becomes spendable when Stripe
/// confirms payment, and is spent through <see cref="QuotaLedger"/> (its id is the quota account) until it expires.
/// Claims look like <c>cbc_{creditId}.{secret}</c>; the id finds the row, the hash of the whole claim proves it.
/// </summary>
public sealed class CreditStore(StorageClients storage, QuotaLedger ledger, IOptions<BillingOptions> options, TimeProvider time)
{
    public const string TableName = "credits";
    public const string IdPrefix = "cr";

    /// <summary>A purchase waiting for payment; <paramref name="buyerTenantId"/> when a signed-in person buys, so their usage shows it.</summary>
    public async Task<NewCredit> CreateAsync(int quantity, string? buyerTenantId, CancellationToken cancellationToken)
    {
        var creditId = IdPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var claim = SecretTokens.CreditClaimPrefix + creditId + "." + SecretTokens.Base64Url(RandomNumberGenerator.GetBytes(32));
        var table = await TableAsync(cancellationToken);
        await table.AddEntityAsync(new CreditEntity
        {
            PartitionKey = creditId, ClaimHash = SecretTokens.Hash(claim), Quantity = quantity, CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        if (buyerTenantId is not null)
        {
            await table.AddEntityAsync(new TableEntity(BuyerPartition(buyerTenantId), creditId), cancellationToken);
        }

        return new NewCredit(creditId, claim);
    }

    /// <summary>Generations a tenant bought that are still spendable.</summary>
    public async Task<int> RemainingBoughtByAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var remaining = 0;
        await foreach (var bought in table.QueryAsync<TableEntity>(e => e.PartitionKey == BuyerPartition(tenantId), cancellationToken: cancellationToken))
        {
            remaining += (await StatusAsync(bought.RowKey, cancellationToken))?.Remaining ?? 0;
        }

        return remaining;
    }

    public async Task AttachCheckoutAsync(string creditId, string checkoutSessionId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpdateAsync<CreditEntity>(creditId, CreditEntity.Row, credit =>
        {
            credit.CheckoutSessionId = checkoutSessionId;
            return true;
        }, cancellationToken);
    }

    /// <summary>The purchase a claim proves, or null for anything else (unknown, malformed, or a guess).</summary>
    public async Task<CreditStatus?> FindAsync(string claim, CancellationToken cancellationToken)
    {
        if (IdOf(claim) is not { } creditId || await FindEntityAsync(creditId, cancellationToken) is not { } credit
            || !SecretTokens.HashesEqual(credit.ClaimHash, SecretTokens.Hash(claim)))
        {
            return null;
        }

        return await StatusOfAsync(credit, cancellationToken);
    }

    /// <summary>Stripe has the money: the generations can be spent for the credit's lifetime. Repeating it changes nothing.</summary>
    public async Task ActivateAsync(string creditId, string? paymentIntentId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var now = time.GetUtcNow();
        var activated = await table.UpdateAsync<CreditEntity>(creditId, CreditEntity.Row, credit =>
        {
            if (credit.StateValue != CreditState.Pending)
            {
                return false;
            }

            credit.StateValue = CreditState.Paid;
            credit.PaymentIntentId = paymentIntentId;
            credit.ExpiresAt = now + options.Value.CreditLifetime;
            return true;
        }, cancellationToken);
        if (activated is { StateValue: CreditState.Paid, ExpiresAt: { } expiresAt })
        {
            await ledger.OpenAsync(creditId, Plans.Generation, activated.Quantity, expiresAt - options.Value.CreditLifetime, expiresAt, renews: false, cancellationToken);
        }
    }

    /// <summary>
    /// <paramref name="refundedUnits"/> of the purchase have been refunded in all: that many generations are withdrawn,
    /// except those already used or in use. Working from the total makes repeated and reordered refunds agree.
    /// </summary>
    public async Task<int> RefundAsync(string creditId, int refundedUnits, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var credit = await table.UpdateAsync<CreditEntity>(creditId, CreditEntity.Row, credit =>
        {
            var fullyRefunded = refundedUnits >= credit.Quantity && credit.StateValue != CreditState.Refunded;
            credit.StateValue = fullyRefunded ? CreditState.Refunded : credit.StateValue;
            return fullyRefunded;
        }, cancellationToken);
        return credit is null ? 0 : await ledger.CapAsync(creditId, credit.Quantity - refundedUnits, cancellationToken);
    }

    public async Task<CreditStatus?> StatusAsync(string creditId, CancellationToken cancellationToken) =>
        await FindEntityAsync(creditId, cancellationToken) is { } credit ? await StatusOfAsync(credit, cancellationToken) : null;

    private async Task<CreditStatus> StatusOfAsync(CreditEntity credit, CancellationToken cancellationToken)
    {
        var balance = await ledger.ReadAsync(credit.PartitionKey, cancellationToken);
        var expired = credit.ExpiresAt is { } expiresAt && expiresAt <= time.GetUtcNow();
        var remaining = balance is null || expired ? 0 : balance.Remaining ?? 0;
        return new CreditStatus(credit.PartitionKey, credit.StateValue, credit.Quantity, remaining, credit.ExpiresAt, credit.CheckoutSessionId);
    }

    private async Task<CreditEntity?> FindEntityAsync(string creditId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<CreditEntity>(creditId, CreditEntity.Row, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value : null;
    }

    private static string BuyerPartition(string tenantId) => "buyer-" + tenantId;

    private static string? IdOf(string claim)
    {
        const int idLength = 26;
        return claim.StartsWith(SecretTokens.CreditClaimPrefix, StringComparison.Ordinal)
            && claim.Length > SecretTokens.CreditClaimPrefix.Length + idLength
            && claim[SecretTokens.CreditClaimPrefix.Length + idLength] == '.'
            ? claim.Substring(SecretTokens.CreditClaimPrefix.Length, idLength)
            : null;
    }

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => storage.TableAsync(TableName, cancellationToken);
}
