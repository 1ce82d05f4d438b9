using System.Security.Cryptography;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// 32 lowercase hex characters: a reversed timestamp, then 64 random bits. Table Storage sorts row keys
/// ascending, so rows keyed by these ids come newest first.
/// </summary>
public static class TimeOrderedId
{
    public static string New(DateTimeOffset now) => TimePart(now) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Ids made before <paramref name="moment"/> sort after this key; ids made after it sort before.</summary>
    public static string TimePart(DateTimeOffset moment) => (long.MaxValue - moment.UtcTicks).ToString("x16");

    public static bool IsValid(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);
}
