using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Organisations.WhiteLabel;

/// <summary>
/// How a site presents itself: CrewBuilder's own, or an organisation's on one of its verified hostnames
/// (<paramref name="OrgId"/> set), with only that organisation's name, colour, logo, support contact and footer links.
/// </summary>
public sealed record SiteBrand(
    string Name, string? OrgId = null, string? PrimaryColor = null, string? LogoDataUrl = null, string? SupportContact = null,
    IReadOnlyList<BrandLink>? FooterLinks = null)
{
    public static SiteBrand CrewBuilder { get; } = new("CrewBuilder");

    public bool WhiteLabel => OrgId is not null;
}

/// <summary>Which organisation, if any, a request's host belongs to.</summary>
public sealed class WhiteLabelSites(HostnameStore hostnames, OrganisationStore organisations, IOptions<WhiteLabelOptions> options)
{
    /// <summary>
    /// The organisation whose verified hostname <paramref name="host"/> is; null for any other host. A host no organisation
    /// could ever map (CrewBuilder's own, an IP address, localhost) is not looked up.
    /// </summary>
    public async Task<Organisation?> OrganisationOfAsync(string? host, CancellationToken cancellationToken) =>
        SiteHostnames.Normalise(host, options.Value).Host is { } mappable
        && await hostnames.FindAsync(mappable, cancellationToken) is { Verified: true } claimed
            ? await organisations.FindAsync(claimed.OrgId, cancellationToken)
            : null;

    public async Task<SiteBrand> BrandOfAsync(string? host, CancellationToken cancellationToken) =>
        await OrganisationOfAsync(host, cancellationToken) is not { } org
            ? SiteBrand.CrewBuilder
            : new SiteBrand(org.Branding?.DisplayName ?? org.Name, org.Id, org.Branding?.PrimaryColor, org.Branding?.LogoDataUrl, org.Branding?.SupportContact,
                org.Branding?.FooterLinks ?? []);
}
