using System.ComponentModel.DataAnnotations;

namespace CrewBuilder.Core.Webhooks;

public sealed class WebhookOptions : IValidatableObject
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Hosts (exactly as in the endpoint's URL) whose addresses may be loopback, private or link-local: a platform
    /// setting for tests and for receivers the platform itself vouches for, never something a customer sets.
    /// </summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];

    /// <summary>How long one delivery attempt may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 100)]
    public int MaxEndpointsPerTenant { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AllowedPrivateHosts.Where(host => Uri.CheckHostName(host) is UriHostNameType.Unknown or UriHostNameType.Basic)
            .Select(host => new ValidationResult($"Webhooks:AllowedPrivateHosts holds '{host}', which is not a host name or IP address.", [nameof(AllowedPrivateHosts)]));
}
