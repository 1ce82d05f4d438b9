using System.Globalization;
using System.Text;

namespace CrewBuilder.Core.Generation.Project;

/// <summary>JSON values written as Python's <c>json.dumps</c> writes them (ASCII only, <c>", "</c> between items), as crewai's CLI fills its templates.</summary>
internal static class PythonJson
{
    public static string Dumps(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                < ' ' or > '~' => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }

    public static string Dumps(IEnumerable<string> items) => $"[{string.Join(", ", items.Select(Dumps))}]";

    public static string Dumps(bool value) => value ? "true" : "false";
}
