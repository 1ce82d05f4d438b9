using System.ClientModel;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Keys;
using OpenAI.Chat;

namespace CrewBuilder.Core.Generation.Llm;

public sealed class LlmOptions
{
    public const string Section = "Llm";

    public string OpenAiModel { get; set; } = "gpt-4o-mini";

    public string AnthropicModel { get; set; } = "claude-sonnet-4-5";

    /// <summary>CrewBuilder Pro AI's models: the standard tier (Basic) and the advanced tier (Professional, Enterprise, paid generations).</summary>
    public string StandardOpenAiModel { get; set; } = "gpt-4o-mini";

    public string AdvancedOpenAiModel { get; set; } = "gpt-4.1";

    public string StandardAnthropicModel { get; set; } = "claude-haiku-4-5";

    public string AdvancedAnthropicModel { get; set; } = "claude-sonnet-4-5";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Asks a provider, through its official SDK, for one JSON answer. A refused key becomes "the OpenAI key was
/// rejected"; other failures say which provider failed and never carry the SDK's message (it may quote the request).
/// </summary>
public sealed class LlmClient(ProviderEndpoints endpoints, Microsoft.Extensions.Options.IOptions<LlmOptions> options)
{
    public async Task<string> CompleteJsonAsync(LlmTarget target, string instructions, string input, CancellationToken cancellationToken)
    {
        var (provider, model, key) = (target.Provider, target.Model, target.Key);
        var settings = options.Value;
        try
        {
            if (provider == Providers.Anthropic)
            {
                var message = await endpoints.Anthropic(key, settings.Timeout).Messages.Create(new MessageCreateParams
                {
                    Model = model,
                    MaxTokens = 4096,
                    System = instructions + "\nAnswer with one JSON object and nothing else.",
                    Messages = [new UserMessageParam { Content = input }],
                }, cancellationToken);
                LlmUsageMeter.Record(model, message.Usage.InputTokens, message.Usage.OutputTokens);
                return string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : ""));
            }

            var chat = new ChatClient(model, new ApiKeyCredential(key), endpoints.OpenAi(settings.Timeout));
            ChatCompletion completion = await chat.CompleteChatAsync(
                [new SystemChatMessage(instructions), new UserChatMessage(input)],
                new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() },
                cancellationToken);
            LlmUsageMeter.Record(model, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0);
            return string.Concat(completion.Content.Select(part => part.Text));
        }
        catch (Exception e) when (e is ClientResultException { Status: 401 or 403 } or AnthropicUnauthorizedException or AnthropicForbiddenException)
        {
            throw new ProviderKeyRejectedException($"The {KeyResolver.ProviderName(provider)} key was rejected.");
        }
        catch (Exception e) when (e is ClientResultException or AnthropicException or HttpRequestException)
        {
            throw new GenerationFailedException($"{KeyResolver.ProviderName(provider)} did not answer ({e.GetType().Name}); please try again.");
        }
    }
}

/// <summary>The provider refused the key: the generation stops at once, and a saved key is marked invalid.</summary>
public sealed class ProviderKeyRejectedException : Exception
{
    public ProviderKeyRejectedException(string message) : base(message)
    {
    }

    public ProviderKeyRejectedException()
    {
    }

    public ProviderKeyRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
