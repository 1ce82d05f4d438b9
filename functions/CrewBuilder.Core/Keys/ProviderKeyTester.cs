using System.ClientModel;
using Anthropic.Exceptions;
using Microsoft.Extensions.Logging;
using OpenAI.Models;

namespace CrewBuilder.Core.Keys;

public enum KeyTestOutcome { Connected, Invalid, Unreachable }

/// <summary>
/// One cheap authenticated call per provider (list models) through its official SDK, with a short timeout and
/// no retries: does the provider accept this key? Errors are reported by kind, never by their message.
/// </summary>
public sealed class ProviderKeyTester(ProviderEndpoints endpoints, ILogger<ProviderKeyTester> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<KeyTestOutcome> TestAsync(string provider, string key, CancellationToken cancellationToken)
    {
        try
        {
            if (provider == Providers.Anthropic)
            {
                await endpoints.Anthropic(key, Timeout, maxRetries: 0).Models.List(cancellationToken: cancellationToken);
            }
            else
            {
                await new OpenAIModelClient(new ApiKeyCredential(key), endpoints.OpenAi(Timeout, maxRetries: 0)).GetModelsAsync(cancellationToken);
            }

            return KeyTestOutcome.Connected;
        }
        catch (Exception e) when (e is ClientResultException { Status: 401 or 403 } or AnthropicUnauthorizedException or AnthropicForbiddenException)
        {
            return KeyTestOutcome.Invalid;
        }
        catch (Exception e) when (e is ClientResultException or AnthropicException or HttpRequestException or TaskCanceledException)
        {
            // The type says enough; an SDK message may quote the request, so it is not logged.
            logger.LogWarning("Testing a {Provider} key failed with {ErrorType}", provider, e.GetType().Name);
            return KeyTestOutcome.Unreachable;
        }
    }
}
