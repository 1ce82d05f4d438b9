namespace CrewBuilder.Core.Keys;

/// <summary>
/// The slots of a staged rotation beside a provider's active key: the new key waiting to be tested and made active,
/// and the previous key kept as a fallback for a grace period. Stored like the active key, under their own names.
/// </summary>
public static class StagedKeys
{
    private const char Separator = '~';

    public static string Pending(string provider) => provider + Separator + "pending";

    public static string Previous(string provider) => provider + Separator + "previous";

    public static bool IsStaged(string slot) => slot.Contains(Separator, StringComparison.Ordinal);
}
