using System.ClientModel.Primitives;
using Anthropic;
using OpenAI;

namespace CrewBuilder.Core.Keys;

/// <summary>
/// Where each provider's API is: the official SDKs' defaults, or the base URLs their own environment variables
/// name (OPENAI_BASE_URL, ANTHROPIC_BASE_URL). Never a URL from a request. Every SDK client is made here.
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

    /// <summary>An Anthropic client for <paramref name="key"/>; <paramref name="maxRetries"/> null keeps the SDK's default.</summary>
    public AnthropicClient Anthropic(string key, TimeSpan timeout, int? maxRetries = null) =>
        AnthropicBaseUrl is { } url
            ? new AnthropicClient { ApiKey = key, Timeout = timeout, MaxRetries = maxRetries, BaseUrl = url.ToString().TrimEnd('/') }
            : new AnthropicClient { ApiKey = key, Timeout = timeout, MaxRetries = maxRetries };

    /// <summary>Options for an OpenAI client; <paramref name="maxRetries"/> null keeps the SDK's default.</summary>
    public OpenAIClientOptions OpenAi(TimeSpan timeout, int? maxRetries = null)
    {
        var options = new OpenAIClientOptions { NetworkTimeout = timeout };
        if (maxRetries is { } retries)
        {
            options.RetryPolicy = new ClientRetryPolicy(retries);
        }

        if (OpenAiBaseUrl is { } url)
        {
            options.Endpoint = url;
        }

        return options;
    }

    /// <summary>The host a provider's calls go to, for messages that say where a connection failed.</summary>
    public string Host(string provider) => provider == Providers.Anthropic
        ? AnthropicBaseUrl?.Authority ?? "api.anthropic.com"
        : OpenAiBaseUrl?.Authority ?? "api.openai.com";

    private static Uri? Parse(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
