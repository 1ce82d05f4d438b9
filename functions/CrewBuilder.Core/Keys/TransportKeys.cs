using System.Security.Cryptography;
using System.Text;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Core.Keys;

/// <summary>The transport key as a public JWK: what the browser encrypts provider keys with (RSA-OAEP-256).</summary>
public sealed record PublicJwk(string Kty, string N, string E, string Alg, string Use, string Kid);

/// <summary>
/// The server's RSA key pair for keys in transit. The private key lives in the vault (created on first use);
/// the public half is published as a JWK whose <c>kid</c> is its RFC 7638 thumbprint.
/// </summary>
public sealed class TransportKeys(ISecretVault vault) : IDisposable
{
    public const string SecretName = "transport-key";
    private readonly SemaphoreSlim loading = new(1, 1);
    private RSA? rsa;
    private PublicJwk? jwk;

    public async Task<PublicJwk> PublicKeyAsync(CancellationToken cancellationToken) => (await LoadAsync(cancellationToken)).Jwk;

    public async Task<(RSA Rsa, PublicJwk Jwk)> LoadAsync(CancellationToken cancellationToken)
    {
        if (rsa is not null && jwk is not null)
        {
            return (rsa, jwk);
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            if (rsa is null || jwk is null)
            {
                var secret = await vault.GetAsync(SecretName, null, cancellationToken) ?? await vault.SetAsync(SecretName, NewPrivateKey(), cancellationToken);
                var loaded = RSA.Create();
                loaded.ImportPkcs8PrivateKey(Convert.FromBase64String(secret.Value), out _);
                jwk = ToJwk(loaded);
                rsa = loaded;
            }

            return (rsa, jwk);
        }
        finally
        {
            loading.Release();
        }
    }

    public void Dispose()
    {
        rsa?.Dispose();
        loading.Dispose();
    }

    private static string NewPrivateKey()
    {
        using var created = RSA.Create(3072);
        return Convert.ToBase64String(created.ExportPkcs8PrivateKey());
    }

    private static PublicJwk ToJwk(RSA key)
    {
        var parameters = key.ExportParameters(false);
        var n = Base64Url(parameters.Modulus!);
        var e = Base64Url(parameters.Exponent!);
        var thumbprint = Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"e":"{{e}}","kty":"RSA","n":"{{n}}"}""")));
        return new PublicJwk("RSA", n, e, "RSA-OAEP-256", "enc", thumbprint);
    }

    private static string Base64Url(byte[] bytes) => SecretTokens.Base64Url(bytes);
}
