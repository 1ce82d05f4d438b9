using System.Net;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Webhooks;

/// <summary>
/// Where CrewBuilder may send a webhook: an https URL on the public internet. An address is checked twice, when the
/// endpoint is saved (an IP literal, or a name) and again at every connection with the addresses the name then resolves
/// to, so a name re-pointed at a private address later (DNS rebinding) is refused too. Redirects are never followed.
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    public const int MaxUrlLength = 2048;

    /// <summary>Why the URL cannot be a webhook endpoint, or null when it can.</summary>
    public string? ProblemWith(string? url)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Give an absolute https URL.";
        }

        var host = uri.Host.Trim('[', ']');
        return uri.Scheme != Uri.UriSchemeHttps ? "Only https URLs receive webhooks."
            : uri.UserInfo.Length > 0 || uri.Fragment.Length > 0 ? "Leave user names, passwords and fragments out of the URL."
            : AllowsPrivate(host) ? null
            : IPAddress.TryParse(host, out var address) ? (PublicAddresses.IsPublic(address) ? null : "Webhooks go to public addresses only, not to private, loopback or link-local ones.")
            : uri.IsLoopback || !host.Contains('.') || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase)
                ? "Webhooks go to public host names only, not to this machine or an internal name."
            : null;
    }

    /// <summary>Connects to the first public address the host resolves to (any address for an allowed private host).</summary>
    public ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        PublicAddresses.ConnectAsync(context, address => AllowsPrivate(context.DnsEndPoint.Host) || PublicAddresses.IsPublic(address),
            "The webhook's host resolves to no public address.", cancellationToken);

    private bool AllowsPrivate(string host) => options.Value.AllowedPrivateHosts.Contains(host.Trim('[', ']'), StringComparer.OrdinalIgnoreCase);
}
