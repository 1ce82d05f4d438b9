using Microsoft.Extensions.Configuration;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// CrewBuilder's own provider keys ("CrewBuilder Pro AI"), for subscribers' plans and paid one-off generations:
/// <c>Platform__OpenAiApiKey</c> and <c>Platform__AnthropicApiKey</c>, Key Vault references in Azure.
/// </summary>
public sealed class PlatformKeys(IReadOnlyDictionary<string, string> keys) : ConfiguredKeys(keys)
{
    public static PlatformKeys FromConfiguration(IConfiguration configuration) =>
        new(Read(configuration, "Platform:OpenAiApiKey", "Platform:AnthropicApiKey"));
}
