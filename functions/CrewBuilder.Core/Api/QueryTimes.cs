using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CrewBuilder.Core.Api;

/// <summary>A time in a request's query string (a list's from/to): absent, an ISO 8601 time, or an error naming the parameter.</summary>
internal static class QueryTimes
{
    /// <summary>The time <paramref name="name"/> gives, null when it gives none; an unreadable one adds <paramref name="hint"/> to <paramref name="errors"/>.</summary>
    public static DateTimeOffset? Read(HttpRequest request, string name, Dictionary<string, string[]> errors, string hint)
    {
        var text = request.Query[name].ToString().Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[name] = [hint];
        return null;
    }
}
