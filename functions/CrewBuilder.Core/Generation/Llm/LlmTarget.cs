using System.Text;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>
/// Which provider and model to ask, with which key; <paramref name="Endpoint"/> is an organisation's own model endpoint,
/// asked in OpenAI's API instead of the provider's. Printing it never shows the key.
/// </summary>
public sealed record LlmTarget(string Provider, string Model, string Key, Organisations.ModelEndpoint? Endpoint = null)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider).Append(", Model = ").Append(Model);
        return true;
    }
}
