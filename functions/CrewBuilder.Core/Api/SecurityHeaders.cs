using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>
/// The security headers of every response, declared once: the Functions app's middleware and the self-host send them on
/// API responses, and the site's pages carry the same with a policy of their own (staticwebapp.config.json on Azure,
/// where a test holds its headers to these).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>An API answer is data, never a page: it may load nothing and be framed by nobody.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Two years, subdomains too; sent only over HTTPS, as RFC 6797 asks.</summary>
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    public static IReadOnlyDictionary<string, string> Common { get; } = new Dictionary<string, string>
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["X-Frame-Options"] = "DENY",
        ["Referrer-Policy"] = "no-referrer",
        ["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()",
    };

    public static void ApplyToApi(HttpResponse response) => Apply(response, ApiContentSecurityPolicy);

    public static void Apply(HttpResponse response, string contentSecurityPolicy)
    {
        var headers = response.Headers;
        foreach (var (name, value) in Common)
        {
            headers[name] = value;
        }

        headers.ContentSecurityPolicy = contentSecurityPolicy;
        if (response.HttpContext.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
