using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Storage;

namespace CrewBuilder.Tests.Support;

/// <summary>What the browser does with jose's CompactEncrypt: RSA-OAEP-256 wraps a fresh key, A256GCM seals the payload.</summary>
public static class Jwe
{
    public static string Encrypt(PublicJwk jwk, object payload, string? kid = null)
    {
        using var rsa = RSA.Create(new RSAParameters { Modulus = SecretTokens.FromBase64Url(jwk.N), Exponent = SecretTokens.FromBase64Url(jwk.E) });
        var header = SecretTokens.Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RSA-OAEP-256", enc = "A256GCM", kid = kid ?? jwk.Kid }));
        var contentKey = RandomNumberGenerator.GetBytes(32);
        var iv = RandomNumberGenerator.GetBytes(12);
        var plaintext = JsonSerializer.SerializeToUtf8Bytes(payload);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(contentKey, 16))
        {
            aes.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(header));
        }

        return string.Join('.', header, SecretTokens.Base64Url(rsa.Encrypt(contentKey, RSAEncryptionPadding.OaepSHA256)),
            SecretTokens.Base64Url(iv), SecretTokens.Base64Url(ciphertext), SecretTokens.Base64Url(tag));
    }

    /// <summary>The payload the site sends: the key, a fresh nonce, and when it was made.</summary>
    public static object Payload(string key, DateTimeOffset? issuedAt = null) =>
        new { key, nonce = SecretTokens.New(""), iat = (issuedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() };

    /// <summary>Encrypts <paramref name="key"/> to the transport key the API at <paramref name="http"/> publishes, as the site does.</summary>
    public static async Task<string> EncryptForAsync(HttpClient http, string key) =>
        Encrypt((await http.GetFromJsonAsync<PublicJwk>("/api/settings/api-keys/encryption-key", ApiJson.Options))!, Payload(key));
}
