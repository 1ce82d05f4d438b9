using System.Text;

namespace CrewBuilder.Tests.Support;

/// <summary>Searches everything a run left behind for a canary key, in the forms a leak could take.</summary>
public static class LeakProof
{
    /// <summary>
    /// Fails if the canary appears in any haystack: its marker in plain text (any case), the start of its base64, or
    /// the marker in hex. <paramref name="marker"/> is the distinctive part of the canary, e.g. "LEAKCANARY".
    /// </summary>
    public static void AssertNowhere(string canary, string marker, IReadOnlyDictionary<string, string> haystacks)
    {
        var forms = new[]
        {
            marker,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(canary))[..20],
            Convert.ToHexString(Encoding.UTF8.GetBytes(marker)),
            Convert.ToHexStringLower(Encoding.UTF8.GetBytes(marker)),
        };
        foreach (var (where, text) in haystacks)
        {
            foreach (var form in forms)
            {
                Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"The canary key leaked into {where} as '{form}'.");
            }
        }
    }
}
