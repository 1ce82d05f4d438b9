using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CrewBuilder.Core.Organisations;

namespace CrewBuilder.Core.Keys;

/// <summary>Why Entra ID refused to give an organisation's app a token, as far as a person can act on it.</summary>
public enum EntraRefusal { UnknownTenant, UnknownApp, WrongSecret, ExpiredSecret, WrongCertificate, Unreachable, Other }

/// <summary>
/// Entra ID credentials of organisations' apps (Azure.Identity's client secret and client certificate credentials,
/// client credentials flow) for Azure OpenAI's scope. One credential is kept per app and secret, so its token cache
/// (MSAL's, which asks for a new token shortly before the old one expires) serves every call of every generation.
/// </summary>
public sealed partial class EntraCredentials : IDisposable
{
    /// <summary>The scope of Azure OpenAI (Cognitive Services) data-plane tokens.</summary>
    public const string Scope = "https://cognitiveservices.azure.com/.default";

    private readonly ConcurrentDictionary<string, TokenCredential> credentials = new();
    private readonly Uri authorityHost;
    private readonly HttpClient http;

    /// <param name="certificateCheck">Replaces the platform's certificate validation of the authority (a test's stand-in); null keeps it.</param>
    public EntraCredentials(Uri authorityHost, RemoteCertificateValidationCallback? certificateCheck)
    {
        this.authorityHost = authorityHost;
#pragma warning disable CA2000 // the HttpClient owns the handler
        var handler = new SocketsHttpHandler();
#pragma warning restore CA2000
        if (certificateCheck is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = certificateCheck;
        }

        http = new HttpClient(handler);
    }

    /// <summary>The credential of <paramref name="app"/> proving itself with <paramref name="material"/> (its secret, or its certificate as <see cref="LoadCertificate"/> reads it).</summary>
    public TokenCredential For(EntraApp app, string material) =>
        credentials.GetOrAdd(CacheKey(app, material), _ => Create(app, material));

    /// <summary>
    /// A certificate with its private key from what an admin gave: PEM (the certificate and its key, as openssl writes
    /// them) or a .pfx without a password, base64-encoded; null when it is neither.
    /// </summary>
    public static X509Certificate2? LoadCertificate(string material)
    {
        try
        {
            var certificate = material.Contains("-----BEGIN", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(material, material)
                : X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(material), null);
            if (certificate.HasPrivateKey)
            {
                return certificate;
            }

            certificate.Dispose();
            return null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>What Entra ID's error said, read from its AADSTS code (its message names the app and tenant, never the secret).</summary>
    public static EntraRefusal Classify(AuthenticationFailedException failure)
    {
        var unreachable = false;
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            unreachable |= e is HttpRequestException or RequestFailedException { Status: 0 } or OperationCanceledException;
            if (AadstsCode().Match(e.Message) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) switch
                {
                    90002 or 900023 or 90023 => EntraRefusal.UnknownTenant,
                    700016 => EntraRefusal.UnknownApp,
                    7000215 => EntraRefusal.WrongSecret,
                    7000222 => EntraRefusal.ExpiredSecret,
                    700027 or 700024 or 700023 => EntraRefusal.WrongCertificate,
                    _ => EntraRefusal.Other,
                };
            }
        }

        return unreachable ? EntraRefusal.Unreachable : EntraRefusal.Other;
    }

    public void Dispose() => http.Dispose();

    private TokenCredential Create(EntraApp app, string material)
    {
        var transport = new HttpClientTransport(http);
        return app.Credential == EntraCredentialKind.ClientSecret
            ? new ClientSecretCredential(app.TenantId, app.ClientId, material, new ClientSecretCredentialOptions
            {
                AuthorityHost = authorityHost, DisableInstanceDiscovery = true, Transport = transport, Retry = { MaxRetries = 1 },
            })
            : new ClientCertificateCredential(app.TenantId, app.ClientId, LoadCertificate(material) ?? throw new ArgumentException("Not a certificate with its private key.", nameof(material)),
                new ClientCertificateCredentialOptions { AuthorityHost = authorityHost, DisableInstanceDiscovery = true, Transport = transport, Retry = { MaxRetries = 1 } });
    }

    /// <summary>A new secret or certificate gets a new credential; the material itself is only hashed.</summary>
    private static string CacheKey(EntraApp app, string material) =>
        $"{app.TenantId}|{app.ClientId}|{app.Credential}|{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(material)))}";

    [GeneratedRegex(@"AADSTS(\d+)")]
    private static partial Regex AadstsCode();
}
