using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrewBuilder.Core.Webhooks;

/// <summary>
/// The <c>Webhook-Signature</c> header, as Stripe signs its events: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "t.body"&gt;</c>, one <c>v1</c> per valid secret, so a receiver holding either secret during a rotation accepts it.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "Webhook-Signature";

    public static string Of(DateTimeOffset at, string body, IEnumerable<string> secrets)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signed = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return $"t={timestamp}," + string.Join(',', secrets.Select(secret => "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))));
    }
}
