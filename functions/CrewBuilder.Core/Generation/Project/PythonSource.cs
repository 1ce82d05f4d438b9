using System.Text.Encodings.Web;
using System.Text.Json;

namespace CrewBuilder.Core.Generation.Project;

internal static class PythonSource
{
    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A double-quoted string literal valid in Python and in TOML basic strings.</summary>
    public static string Literal(string value) => JsonSerializer.Serialize(value, LiteralOptions);
}
