using System.Security.Cryptography;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Organisations.WhiteLabel;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Organisations.Management;

/// <summary>What an act on an organisation's hostnames came to: exactly one of the cases below.</summary>
public abstract record HostnameResult
{
    private HostnameResult()
    {
    }

    public sealed record Done(SiteHostname Hostname) : HostnameResult;

    /// <summary>Refused, nothing changed; <paramref name="Message"/> says what to do (safe to show).</summary>
    public sealed record Invalid(string Message) : HostnameResult;

    /// <summary>Another organisation holds the hostname.</summary>
    public sealed record Taken(string Host) : HostnameResult;

    /// <summary>The organisation has no such hostname.</summary>
    public sealed record Unknown : HostnameResult;
}

/// <summary>
/// The hostnames an organisation serves CrewBuilder on under its own brand (white-label): an owner or admin registers
/// one (it is pending, with a TXT token to publish), proves it by DNS, or removes it. Each act is audited.
/// </summary>
public sealed class OrgHostnames(
    HostnameStore store, DnsOwnershipCheck dns, OrganisationService organisations, IOptions<WhiteLabelOptions> options, TimeProvider time)
{
    public const int MaxPerOrganisation = 10;

    public Task<IReadOnlyList<SiteHostname>> ListAsync(string orgId, CancellationToken cancellationToken) => store.OfOrganisationAsync(orgId, cancellationToken);

    public async Task<HostnameResult> RegisterAsync(Caller caller, string orgId, string? hostname, CancellationToken cancellationToken)
    {
        var (host, problem) = SiteHostnames.Normalise(hostname, options.Value);
        if (host is null)
        {
            return new HostnameResult.Invalid(problem!);
        }

        var mine = await store.OfOrganisationAsync(orgId, cancellationToken);
        if (mine.FirstOrDefault(existing => existing.Host == host) is { } already)
        {
            return new HostnameResult.Done(already);
        }

        if (mine.Count >= MaxPerOrganisation)
        {
            return new HostnameResult.Invalid($"An organisation maps at most {MaxPerOrganisation} hostnames; remove one first.");
        }

        var pending = new SiteHostname(host, orgId, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), time.GetUtcNow(), null);
        switch (await store.ClaimAsync(pending, cancellationToken))
        {
            case ClaimResult.TakenByAnother:
                await organisations.AuditAsync(orgId, caller, "hostname.register", host, cancellationToken, "refused: taken");
                return new HostnameResult.Taken(host);
            case ClaimResult.AlreadyOurs:
                return await store.FindAsync(host, cancellationToken) is { } ours ? new HostnameResult.Done(ours) : new HostnameResult.Unknown();
        }

        await organisations.AuditAsync(orgId, caller, "hostname.register", host, cancellationToken);
        return new HostnameResult.Done(pending);
    }

    /// <summary>Looks the hostname's TXT record up; it is verified once the record carries its token. Audited either way.</summary>
    public async Task<HostnameResult> VerifyAsync(Caller caller, string orgId, string hostname, CancellationToken cancellationToken)
    {
        if (await OwnAsync(orgId, hostname, cancellationToken) is not { } claimed)
        {
            return new HostnameResult.Unknown();
        }

        var evidence = await dns.CheckAsync(claimed, cancellationToken);
        await organisations.AuditAsync(orgId, caller, "hostname.verify", claimed.Host, cancellationToken,
            evidence == OwnershipEvidence.Proven ? "ok" : $"refused: {evidence}");
        if (evidence != OwnershipEvidence.Proven)
        {
            return new HostnameResult.Invalid(evidence switch
            {
                OwnershipEvidence.NoRecord => $"There is no TXT record at {claimed.RecordName} yet. Add one with the value {claimed.RecordValue}; DNS changes can take a few minutes to show.",
                OwnershipEvidence.OtherValue => $"The TXT record at {claimed.RecordName} does not say {claimed.RecordValue}. Correct its value, then verify again.",
                _ => $"CrewBuilder could not look {claimed.RecordName} up in DNS just now. Try again in a minute.",
            });
        }

        var verified = claimed with { VerifiedAt = claimed.VerifiedAt ?? time.GetUtcNow() };
        await store.MarkVerifiedAsync(verified, verified.VerifiedAt!.Value, cancellationToken);
        return new HostnameResult.Done(verified);
    }

    public async Task<HostnameResult> RemoveAsync(Caller caller, string orgId, string hostname, CancellationToken cancellationToken)
    {
        if (await OwnAsync(orgId, hostname, cancellationToken) is not { } claimed)
        {
            return new HostnameResult.Unknown();
        }

        await store.ReleaseAsync(claimed, cancellationToken);
        await organisations.AuditAsync(orgId, caller, "hostname.remove", claimed.Host, cancellationToken);
        return new HostnameResult.Done(claimed);
    }

    private async Task<SiteHostname?> OwnAsync(string orgId, string hostname, CancellationToken cancellationToken) =>
        (await store.OfOrganisationAsync(orgId, cancellationToken)).FirstOrDefault(claimed => string.Equals(claimed.Host, hostname.Trim().TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}
