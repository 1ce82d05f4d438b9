using System.Globalization;
using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Generation.Llm;

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

    /// <summary>No connection, or one that broke before an answer: refused, reset, dropped, DNS or proxy failure.</summary>
    public static ProviderUnavailableException Unreachable(string host) => new($"Could not reach {host}.");

    public static ProviderUnavailableException TooSlow(string host, TimeSpan timeout) =>
        new($"{host} did not answer within {Math.Ceiling(timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s.");

    public static ProviderUnavailableException Busy(string provider, string host, int status, TimeSpan? retryAfter) =>
        new($"{provider} ({host}) {(status == 429 ? "was rate limiting" : "was not available")} (HTTP {status.ToString(CultureInfo.InvariantCulture)})"
            + (retryAfter is { } wait ? $"; retry after {Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s." : "."));

    /// <summary>What the person reads when the last attempt failed too: what happened, how often it was tried, what to do.</summary>
    public static string Final(string message, int attempts) =>
        $"{message.Split("; retry after")[0].TrimEnd('.')} after {attempts.ToString(CultureInfo.InvariantCulture)} attempts; try again later.";

    /// <summary>The wait the provider asked for, read back from a message made by <see cref="Busy"/>.</summary>
    public static TimeSpan? RetryAfter(string? message) =>
        message is not null && RetryAfterText().Match(message) is { Success: true } match
            ? TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;

    [GeneratedRegex(@"retry after (\d{1,6}) s\.")]
    private static partial Regex RetryAfterText();
}
