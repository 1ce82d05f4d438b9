namespace CrewBuilder.Core.Keys;

/// <summary>
/// Where each provider's API is: the official SDKs' defaults, or the base URLs their own environment variables
/// name (OPENAI_BASE_URL, e.g. an Azure OpenAI endpoint; ANTHROPIC_BASE_URL). Never a URL from a request.
/// </summary>
public sealed class ProviderEndpoints
{
    public Uri? OpenAiBaseUrl { get; init; }

    public Uri? AnthropicBaseUrl { get; init; }

    public static ProviderEndpoints FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration) => new()
    {
        OpenAiBaseUrl = Parse(configuration["OPENAI_BASE_URL"]),
        AnthropicBaseUrl = Parse(configuration["ANTHROPIC_BASE_URL"]),
    };

    private static Uri? Parse(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
