using System.ClientModel;
using System.Text.Json;
using Anthropic.Models.Messages;
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

    /// <summary>How long one model call may take before it counts as a transient failure and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>CrewBuilder Pro AI's standard model for <paramref name="provider"/>.</summary>
    public string StandardModel(string? provider) => provider == Keys.Providers.Anthropic ? StandardAnthropicModel : StandardOpenAiModel;

    /// <summary>CrewBuilder Pro AI's advanced model for <paramref name="provider"/>.</summary>
    public string AdvancedModel(string? provider) => provider == Keys.Providers.Anthropic ? AdvancedAnthropicModel : AdvancedOpenAiModel;
}

/// <summary>
/// Asks a provider, through its official SDK, for one answer that satisfies a JSON schema: OpenAI's structured
/// outputs, Anthropic's forced tool use. The SDKs do not retry: transient failures (connections that fail, 408, 429,
/// 5xx, timeouts) surface as <see cref="ProviderUnavailableException"/> for the workflow's durable retry policy, which
/// honours Retry-After; <see cref="ProviderFailures"/> tells them apart. No message ever carries the SDK's text.
/// </summary>
public sealed class LlmClient(ProviderEndpoints endpoints, DedicatedAiClients dedicatedAi, Microsoft.Extensions.Options.IOptions<LlmOptions> options)
{
    private const string AnswerTool = "answer";

    public async Task<string> CompleteJsonAsync(LlmTarget target, StructuredRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return target.Provider == Providers.Anthropic
                ? await AnthropicAsync(target, request, cancellationToken)
                : await OpenAiAsync(target, request, cancellationToken);
        }
        catch (Exception e) when (ProviderFailures.Translate(
            e, target, target.Endpoint?.BaseUrl.Authority ?? endpoints.Host(target.Provider), options.Value.Timeout, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    private async Task<string> OpenAiAsync(LlmTarget target, StructuredRequest request, CancellationToken cancellationToken)
    {
        var chat = target.Endpoint is { } endpoint
            ? dedicatedAi.Chat(endpoint, target.Key, target.Model, options.Value.Timeout)
            : new ChatClient(target.Model, new ApiKeyCredential(target.Key), endpoints.OpenAi(options.Value.Timeout, maxRetries: 0));
        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage(request.Instructions), new UserChatMessage(request.Input)],
            new ChatCompletionOptions
            {
                MaxOutputTokenCount = request.MaxTokens,
                ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                    request.Step.Replace('-', '_'), BinaryData.FromString(request.Schema.ToJsonString()), jsonSchemaIsStrict: true),
            },
            cancellationToken);
        LlmUsageMeter.Record(target.Model, completion.Usage?.InputTokenCount ?? 0, completion.Usage?.OutputTokenCount ?? 0);
        if (!string.IsNullOrWhiteSpace(completion.Refusal))
        {
            throw ModelRefused(completion.Refusal);
        }

        return string.Concat(completion.Content.Select(part => part.Text));
    }

    private async Task<string> AnthropicAsync(LlmTarget target, StructuredRequest request, CancellationToken cancellationToken)
    {
        var schema = request.Schema.Deserialize<Dictionary<string, JsonElement>>()!;
        var message = await endpoints.Anthropic(target.Key, options.Value.Timeout, maxRetries: 0).Messages.Create(new MessageCreateParams
        {
            Model = target.Model,
            MaxTokens = request.MaxTokens,
            System = request.Instructions,
            Messages = [new UserMessageParam { Content = request.Input }],
            Tools = [new Tool { Name = AnswerTool, Description = $"Gives the answer of the {request.Step} step.", InputSchema = InputSchema.FromRawUnchecked(schema) }],
            ToolChoice = new ToolChoiceTool { Name = AnswerTool },
        }, cancellationToken);
        LlmUsageMeter.Record(target.Model, message.Usage.InputTokens, message.Usage.OutputTokens);
        if (message.StopReason == StopReason.Refusal)
        {
            throw ModelRefused(string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : "")));
        }

        foreach (var block in message.Content)
        {
            if (block.TryPickToolUse(out var use) && use.Name == AnswerTool)
            {
                return JsonSerializer.Serialize(use.Input);
            }
        }

        return string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : ""));
    }

    private static GenerationFailedException ModelRefused(string? explanation)
    {
        var reason = (explanation ?? "").Trim();
        return new GenerationFailedException(
            $"The model declined to work on this requirement{(reason.Length == 0 ? "." : $": {(reason.Length > 200 ? reason[..200] + "…" : reason)}")}");
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
