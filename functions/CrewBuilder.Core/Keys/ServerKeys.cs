using Microsoft.Extensions.Configuration;

namespace CrewBuilder.Core.Keys;

/// <summary>The self-hosted edition's own keys: OPENAI_API_KEY and ANTHROPIC_API_KEY, as the official SDKs name them.</summary>
public sealed class ServerKeys(IReadOnlyDictionary<string, string> keys) : ConfiguredKeys(keys)
{
    public static ServerKeys FromConfiguration(IConfiguration configuration) => new(Read(configuration, "OPENAI_API_KEY", "ANTHROPIC_API_KEY"));
}
