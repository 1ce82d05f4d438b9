using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// How an audit entry is sealed. Keyed: HMAC-SHA256 under the organisation's chain key over the organisation, the key
/// version and every field including the previous entry's seal. Legacy: the plain SHA-256 chain written before keyed
/// sealing, still verified as it was (never rewritten) and only for entries older than the first keyed one.
/// </summary>
public static class AuditSeals
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static AuditEntry Keyed(string orgId, AuditEntry entry, AuditChainKey key)
    {
        var keyed = entry with { KeyVersion = key.Version };
        return keyed with { Hash = Convert.ToHexStringLower(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes($"v2\n{orgId}\n{key.Version}\n{Fields(keyed)}"))) };
    }

    public static AuditEntry Legacy(AuditEntry entry) =>
        entry with { KeyVersion = null, Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Fields(entry)))) };

    /// <summary>Whether the entry's seal is its own: keyed entries need their key (null when the vault has no such version).</summary>
    public static bool Holds(string orgId, AuditEntry entry, AuditChainKey? key)
    {
        var expected = entry.KeyVersion is null ? Legacy(entry) : key is null ? null : Keyed(orgId, entry, key);
        return expected is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected.Hash), Encoding.ASCII.GetBytes(entry.Hash));
    }

    private static string Fields(AuditEntry entry) => string.Join('\n', entry.Sequence.ToString(CultureInfo.InvariantCulture),
        entry.Time.UtcTicks.ToString(CultureInfo.InvariantCulture), entry.Actor, entry.Action, entry.Target, entry.ClientAddress ?? "", entry.Outcome, entry.PreviousHash);
}
