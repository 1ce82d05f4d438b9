using System.Globalization;

namespace CrewBuilder.Core.Export;

/// <summary>CSV downloads that open safely in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>A field, quoted when it must be, and never starting like a spreadsheet formula.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) && !double.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
