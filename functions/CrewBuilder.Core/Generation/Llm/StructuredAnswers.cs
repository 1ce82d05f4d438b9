using System.Text.Json;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>An answer that is not valid JSON or breaks a rule of the step; the message says what, for the model to fix.</summary>
public sealed class InvalidAnswerException : Exception
{
    public InvalidAnswerException(string message) : base(message)
    {
    }

    public InvalidAnswerException()
    {
    }

    public InvalidAnswerException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// Asks for a structured answer and reads it; an answer that does not parse, is cut off, or breaks the step's rules
/// is asked for again with what was wrong, twice at most, before the step fails with a message a person can act on.
/// </summary>
public sealed class StructuredAnswers(LlmClient llm)
{
    public const int Attempts = 3;

    public async Task<T> AskAsync<T>(LlmTarget target, StructuredRequest request, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var asked = request;
        for (var attempt = 1; ; attempt++)
        {
            var text = await llm.CompleteJsonAsync(target, asked, cancellationToken);
            try
            {
                using var answer = JsonDocument.Parse(text);
                return answer.RootElement.ValueKind == JsonValueKind.Object
                    ? read(answer.RootElement)
                    : throw new InvalidAnswerException("The answer must be one JSON object.");
            }
            catch (Exception e) when (e is JsonException or InvalidAnswerException)
            {
                // The same model given the same rule would likely break it again, so the message names the rule, not a retry.
                if (attempt == Attempts)
                {
                    throw new GenerationFailedException(e is InvalidAnswerException
                        ? $"The model's answers at the {request.Step} step broke a rule {Attempts} times: {e.Message}"
                        : $"The model's answers at the {request.Step} step were not valid JSON {Attempts} times (they may have been cut off at the token limit).");
                }

                var problem = e is InvalidAnswerException ? e.Message : "The answer was not valid JSON (it may have been cut off); keep it shorter.";
                asked = request with { Input = $"{request.Input}\n\nYour previous answer was rejected: {problem} Answer again with the complete JSON object." };
            }
        }
    }
}
