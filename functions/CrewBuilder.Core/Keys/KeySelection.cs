namespace CrewBuilder.Core.Keys;

/// <summary>Where a generation's key comes from.</summary>
public enum KeySource { Once, Saved, Organisation, Platform, Server }

/// <summary>
/// Which key a generation uses: a reference, never the key. It travels in the orchestration input.
/// <paramref name="OrganisationId"/> names the organisation whose key it is, for <see cref="KeySource.Organisation"/>;
/// <paramref name="Dedicated"/>: the organisation's own model endpoint (it speaks OpenAI's API) rather than a provider key.
/// </summary>
public sealed record KeySelection(KeySource Source, string Provider, string? OrganisationId = null, bool Dedicated = false);
