using System.Text;

namespace CrewBuilder.Core.Generation.Llm;

/// <summary>Which provider and model to ask, with which key. Printing it never shows the key.</summary>
public sealed record LlmTarget(string Provider, string Model, string Key)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Provider = ").Append(Provider).Append(", Model = ").Append(Model);
        return true;
    }
}
