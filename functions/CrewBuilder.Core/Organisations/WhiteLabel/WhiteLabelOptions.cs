using System.ComponentModel.DataAnnotations;
using System.Net;

namespace CrewBuilder.Core.Organisations.WhiteLabel;

/// <summary>
/// How organisations' own hostnames are checked: CrewBuilder's own hosts (and the hosts under them) that no organisation
/// may claim, and the DNS server ownership is looked up at (none: the machine's resolvers).
/// </summary>
public sealed class WhiteLabelOptions : IValidatableObject
{
    public const string Section = "WhiteLabel";

    /// <summary>CrewBuilder's own hosts; each one and every host under it stays CrewBuilder's.</summary>
    public List<string> PlatformHosts { get; set; } = ["crewbuilder.dev", "azurestaticapps.net", "azurewebsites.net", "localhost"];

    /// <summary>An <c>address:port</c> (or an address, port 53) to send the TXT lookups to.</summary>
    public string? NameServer { get; set; }

    public TimeSpan LookupTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NameServer is not null && !IPEndPoint.TryParse(NameServer, out _))
        {
            yield return new ValidationResult($"'{NameServer}' is not an address or address:port of a DNS server.", [nameof(NameServer)]);
        }
    }

    /// <summary>The name server as an endpoint, port 53 unless one is given; null when none is configured.</summary>
    public IPEndPoint? NameServerEndPoint() =>
        NameServer is null ? null : IPEndPoint.Parse(NameServer) is var endPoint && endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint;

    public bool IsPlatformHost(string host) =>
        PlatformHosts.Any(own => host.Equals(own, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + own, StringComparison.OrdinalIgnoreCase));
}
