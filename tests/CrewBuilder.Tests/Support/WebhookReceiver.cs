using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Tests.Support;

/// <summary>One request the receiver got: its signature header, event id header and exact body.</summary>
public sealed record ReceivedWebhook(string? Signature, string? EventId, string Body);

/// <summary>
/// A customer's webhook receiver on loopback HTTPS (self-signed): it keeps every request and answers with the statuses
/// queued in <see cref="Answers"/> (200 once they run out). It verifies signatures with its own HMAC code, as a
/// receiver would, not with CrewBuilder's.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly X509Certificate2 certificate = SelfSigned();
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private readonly SemaphoreSlim arrivals = new(0);

    public WebhookReceiver()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        app = builder.Build();
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            received.Enqueue(new ReceivedWebhook(request.Headers["Webhook-Signature"], request.Headers["Webhook-Id"], await reader.ReadToEndAsync()));
            arrivals.Release();
            return Results.StatusCode(Answers.TryDequeue(out var status) ? status : 200);
        });
        app.StartAsync().GetAwaiter().GetResult();
        Url = new Uri(app.Urls.Single()) is var root ? $"https://127.0.0.1:{root.Port}/hooks" : "";
    }

    public string Url { get; }

    public ConcurrentQueue<int> Answers { get; } = new();

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    /// <summary>Waits until the receiver has <paramref name="count"/> requests (a delivery happens on another thread).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count)
    {
        while (received.Count < count)
        {
            Assert.True(await arrivals.WaitAsync(TimeSpan.FromSeconds(60)), $"The receiver got {received.Count} of {count} deliveries.");
        }

        return Received;
    }

    /// <summary>Makes CrewBuilder's webhook client (named <paramref name="clientName"/>) trust this receiver's certificate, and no other self-signed one.</summary>
    public void TrustIn(IServiceCollection services, string clientName)
    {
        var thumbprint = certificate.Thumbprint;
        services.Configure<HttpClientFactoryOptions>(clientName, options => options.HttpMessageHandlerBuilderActions.Add(handler =>
            ((SocketsHttpHandler)handler.PrimaryHandler).SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint));
    }

    /// <summary>
    /// The receiver's certificate as a PEM trust file: a self-host in its own process trusts it (and nothing else) when
    /// started with SSL_CERT_FILE naming this file, as OpenSSL-based .NET on Linux reads it.
    /// </summary>
    public string WriteTrustFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"webhook-receiver-{certificate.Thumbprint}.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>Whether one of the header's v1 signatures is HMAC-SHA256(secret, "t.body"), checked independently.</summary>
    public static bool Verifies(ReceivedWebhook webhook, string secret)
    {
        var parts = (webhook.Signature ?? "").Split(',').Select(part => part.Split('=', 2)).ToList();
        var timestamp = parts.Single(part => part[0] == "t")[1];
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "." + webhook.Body))).ToLowerInvariant();
        return parts.Any(part => part[0] == "v1" && part[1] == expected);
    }

    public static int SignatureCount(ReceivedWebhook webhook) => (webhook.Signature ?? "").Split(',').Count(part => part.StartsWith("v1=", StringComparison.Ordinal));

    public void Dispose()
    {
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        certificate.Dispose();
        arrivals.Dispose();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=webhook-receiver", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
