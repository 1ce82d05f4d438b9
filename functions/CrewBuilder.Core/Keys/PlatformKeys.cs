using Microsoft.Extensions.Configuration;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// CrewBuilder's own provider keys ("CrewBuilder Pro AI"), for subscribers' plans and paid one-off generations:
/// <c>PlatformKeys__OpenAI</c> and <c>PlatformKeys__Anthropic</c>, Key Vault references in Azure.
/// </summary>
public sealed class PlatformKeys(IReadOnlyDictionary<string, string> keys) : ConfiguredKeys(keys)
{
    public static PlatformKeys FromConfiguration(IConfiguration configuration) =>
        new(Read(configuration, "PlatformKeys:OpenAI", "PlatformKeys:Anthropic"));
}
