using System.Security.Cryptography;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// 32 lowercase hex characters: a reversed timestamp, then 64 random bits. Table Storage sorts row keys
/// ascending, so rows keyed by these ids come newest first.
/// </summary>
public static class TimeOrderedId
{
    public static string New(DateTimeOffset now) =>
        (long.MaxValue - now.UtcTicks).ToString("x16") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static bool IsValid(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
