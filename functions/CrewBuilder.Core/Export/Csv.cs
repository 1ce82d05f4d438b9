using System.Globalization;

namespace CrewBuilder.Core.Export;

/// <summary>CSV downloads that open safely in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>A CSV document: the header line, then one line per row, CRLF line ends.</summary>
    public static async Task<string> DocumentAsync(string header, IAsyncEnumerable<string[]> rows, CancellationToken cancellationToken)
    {
        var csv = new System.Text.StringBuilder(header).Append("\r\n");
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.AppendJoin(',', row.Select(Field)).Append("\r\n");
        }

        return csv.ToString();
    }

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
