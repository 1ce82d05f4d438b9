using System.Diagnostics;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Organisations.WhiteLabel;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>A hostname an organisation wants to serve CrewBuilder on under its own brand, e.g. <c>crews.acme.com</c>.</summary>
public sealed record HostnameRequest(string? Hostname)
{
    public Dictionary<string, string[]> Validate() =>
        string.IsNullOrWhiteSpace(Hostname) ? new() { ["hostname"] = ["Give the hostname to map, e.g. crews.acme.com."] } : [];
}

/// <summary>
/// One of an organisation's hostnames: <paramref name="Status"/> <c>pending</c> until the TXT record
/// <paramref name="RecordName"/> carries <paramref name="RecordValue"/> and it is verified, then <c>verified</c>.
/// </summary>
public sealed record HostnameView(string Hostname, string Status, string RecordName, string RecordType, string RecordValue, DateTimeOffset RegisteredAt, DateTimeOffset? VerifiedAt)
{
    public static HostnameView Of(SiteHostname hostname) => new(
        hostname.Host, hostname.Verified ? "verified" : "pending", hostname.RecordName, "TXT", hostname.RecordValue, hostname.RegisteredAt, hostname.VerifiedAt);
}

public sealed record HostnameList(IReadOnlyList<HostnameView> Hostnames);

/// <summary>
/// How the site at the request's host presents itself: CrewBuilder (<paramref name="WhiteLabel"/> false), or an
/// organisation's own brand on one of its verified hostnames, with no CrewBuilder pricing or offers.
/// </summary>
public sealed record SiteView(string Name, bool WhiteLabel, string? PrimaryColor, string? LogoDataUrl, string? SupportContact, IReadOnlyList<BrandLink> FooterLinks)
{
    public static SiteView Of(SiteBrand brand) =>
        new(brand.Name, brand.WhiteLabel, brand.PrimaryColor, brand.LogoDataUrl, brand.SupportContact, brand.FooterLinks ?? []);
}

/// <summary>
/// An organisation's own hostnames (register, verify by DNS, remove) and the public brand of the site a request came to;
/// every rule is in <see cref="OrgHostnames"/> and <see cref="WhiteLabelSites"/>.
/// </summary>
public sealed class WhiteLabelEndpoints(OrganisationEndpoints organisations, OrgHostnames hostnames, WhiteLabelSites sites)
{
    public async Task<IResult> SiteAsync(HttpRequest request, CancellationToken cancellationToken) =>
        new JsonResponse(SiteView.Of(await sites.BrandOfAsync(SiteHosts.Of(request), cancellationToken)));

    public Task<IResult> ListAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageBranding, async (_, _) =>
            new JsonResponse(new HostnameList([.. (await hostnames.ListAsync(orgId, cancellationToken)).Select(HostnameView.Of)])), cancellationToken);

    public Task<IResult> RegisterAsync(HttpRequest request, string orgId, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageBranding, async (caller, _) =>
        {
            var (body, problem) = await RequestBody.ReadValidAsync<HostnameRequest>(request, body => body.Validate(), cancellationToken);
            return body is null ? problem! : Answer(await hostnames.RegisterAsync(caller, orgId, body.Hostname, cancellationToken), StatusCodes.Status201Created);
        }, cancellationToken);

    public Task<IResult> VerifyAsync(HttpRequest request, string orgId, string hostname, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageBranding, async (caller, _) =>
            Answer(await hostnames.VerifyAsync(caller, orgId, hostname, cancellationToken), StatusCodes.Status200OK), cancellationToken);

    public Task<IResult> RemoveAsync(HttpRequest request, string orgId, string hostname, CancellationToken cancellationToken) =>
        organisations.InOrgAsync(request, orgId, OrgAction.ManageBranding, async (caller, _) =>
            await hostnames.RemoveAsync(caller, orgId, hostname, cancellationToken) is HostnameResult.Done
                ? TypedResults.NoContent()
                : Problems.NotFound("hostname"), cancellationToken);

    private static IResult Answer(HostnameResult result, int status) => result switch
    {
        HostnameResult.Done done => new JsonResponse(HostnameView.Of(done.Hostname), status),
        HostnameResult.Invalid invalid => Problems.Validation(new Dictionary<string, string[]> { ["hostname"] = [invalid.Message] }),
        HostnameResult.Taken taken => Problems.HostnameTaken(taken.Host),
        HostnameResult.Unknown => Problems.NotFound("hostname"),
        _ => throw new UnreachableException(),
    };
}

/// <summary>The host a request was made to, as the visitor's browser addressed it.</summary>
public static class SiteHosts
{
    /// <summary>
    /// Behind Static Web Apps (and any proxy) the visitor's host arrives as <c>X-Forwarded-Host</c>. Trusting it grants
    /// nothing: a white-label host is a public site, and a caller naming it gets only what any visitor of it gets.
    /// </summary>
    public static string? Of(HttpRequest request)
    {
        var forwarded = request.Headers["X-Forwarded-Host"].ToString().Split(',')[0].Trim();
        var host = forwarded.Length > 0 ? HostString.FromUriComponent(forwarded).Host : request.Host.Host;
        return string.IsNullOrEmpty(host) ? null : host;
    }
}
