using System.Net;
using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Organisations.WhiteLabel;

/// <summary>
/// One of an organisation's own hostnames: <paramref name="Token"/> is what the DNS TXT record must say before it is
/// verified (not a secret: anyone may read DNS); only a verified hostname shows the organisation's brand.
/// </summary>
public sealed record SiteHostname(string Host, string OrgId, string Token, DateTimeOffset RegisteredAt, DateTimeOffset? VerifiedAt)
{
    /// <summary>The DNS name the TXT record goes on.</summary>
    public string RecordName => SiteHostnames.RecordPrefix + Host;

    /// <summary>The TXT record's value.</summary>
    public string RecordValue => SiteHostnames.ValuePrefix + Token;

    public bool Verified => VerifiedAt is not null;
}

/// <summary>What hostnames look like: one spelling (lower case, no trailing dot), and which ones may be claimed at all.</summary>
public static partial class SiteHostnames
{
    public const string RecordPrefix = "_crewbuilder-verify.";
    public const string ValuePrefix = "crewbuilder-verify=";

    /// <summary>The hostname in its one spelling, or why it cannot be an organisation's (safe to show).</summary>
    public static (string? Host, string? Problem) Normalise(string? hostname, WhiteLabelOptions options)
    {
        var host = hostname?.Trim().TrimEnd('.').ToLowerInvariant() ?? "";
        if (host.Contains('*'))
        {
            return (null, "Map each hostname on its own (crews.acme.com); wildcards are not mapped.");
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return (null, "Give a hostname such as crews.acme.com, not an IP address.");
        }

        if (host.Length > 253 || !Shape().IsMatch(host))
        {
            return (null, "Give a hostname such as crews.acme.com: letters, digits and hyphens in two or more dot-separated labels.");
        }

        return options.IsPlatformHost(host)
            ? (null, $"{host} is one of CrewBuilder's own hosts; map a hostname of your organisation's domain.")
            : (host, null);
    }

    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Shape();
}
