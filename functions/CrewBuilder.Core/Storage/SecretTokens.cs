using System.Security.Cryptography;
using System.Text;

namespace CrewBuilder.Core.Storage;

/// <summary>Random bearer secrets and the hashes they are stored as.</summary>
public static class SecretTokens
{
    public const string ApiTokenPrefix = "cb_";
    public const string GenerationTokenPrefix = "cbg_";
    public const string CreditClaimPrefix = "cbc_";

    /// <summary><paramref name="prefix"/> followed by 256 random bits, base64url-encoded.</summary>
    public static string New(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>SHA-256, hex. The secrets carry 256 random bits, so a fast hash cannot be brute-forced.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool HashesEqual(string? a, string? b) =>
        a is not null && b is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The bytes of unpadded base64url text; throws <see cref="FormatException"/> on anything else.</summary>
    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }
}
