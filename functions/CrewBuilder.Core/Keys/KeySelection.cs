namespace CrewBuilder.Core.Keys;

/// <summary>Where a generation's key comes from.</summary>
public enum KeySource { Once, Saved, Platform, Server }

/// <summary>Which key a generation uses: a reference, never the key. It travels in the orchestration input.</summary>
public sealed record KeySelection(KeySource Source, string Provider);
