using System.Globalization;
using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Generation.Workflow;

/// <summary>
/// The provider did not answer (rate limited, overloaded, timed out): worth another try. Its message is the only
/// thing the workflow sees of it, so it carries the provider's Retry-After in words the retry policy reads back.
/// </summary>
public sealed partial class ProviderUnavailableException : Exception
{
    public ProviderUnavailableException(string message) : base(message)
    {
    }

    public ProviderUnavailableException()
    {
    }

    public ProviderUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static ProviderUnavailableException From(string provider, int? status, TimeSpan? retryAfter) =>
        new($"{provider} did not answer{(status is { } code ? $" ({code})" : " in time")}"
            + (retryAfter is { } wait ? $"; retry after {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s." : "."));

    /// <summary>The wait the provider asked for, read back from a message made by <see cref="From"/>.</summary>
    public static TimeSpan? RetryAfter(string? message) =>
        message is not null && RetryAfterText().Match(message) is { Success: true } match
            ? TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"retry after (\d{1,6}) s\.")]
    private static partial Regex RetryAfterText();
}
