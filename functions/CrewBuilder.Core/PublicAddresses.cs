using System.Net;
using System.Net.Sockets;

namespace CrewBuilder.Core;

/// <summary>Where CrewBuilder may send requests a customer points it at (webhooks, model endpoints): the public internet only.</summary>
public static class PublicAddresses
{
    /// <summary>
    /// Not loopback, private (RFC 1918, unique local), link-local (cloud metadata included), shared (CGNAT), unspecified,
    /// multicast or broadcast; an IPv4-mapped IPv6 address is judged as the IPv4 address it carries.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal
                || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || address.GetAddressBytes()[0] == 0);
        }

        return address.GetAddressBytes() switch
        {
            [0, ..] or [10, ..] or [127, ..] or [169, 254, ..] or [192, 168, ..] or [>= 224, ..] => false,
            [172, >= 16 and <= 31, ..] => false,
            [100, >= 64 and <= 127, ..] => false, // carrier-grade NAT
            _ => true,
        };
    }

    /// <summary>
    /// Connects an HTTP call to the first address its host resolves to that <paramref name="mayConnectTo"/> allows,
    /// checked at every connection, so a name re-pointed at a private address later (DNS rebinding) is refused too.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, Func<IPAddress, bool> mayConnectTo, string refusal, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(mayConnectTo).ToList();
        if (allowed.Count == 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, refusal);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed[0], context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
