using System.Collections;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core.Observability;

/// <summary>
/// The last line of defence for secrets in logs: every log line, its structured values and its exception pass through
/// here, and anything shaped like a key or token (provider keys, CrewBuilder tokens, Stripe secrets, JWTs) is masked.
/// Code never logs a key on purpose; this catches the accident (an SDK message quoting a request, say).
/// </summary>
public static partial class KeyRedaction
{
    /// <summary>Whether the text holds something shaped like a key, token or JWT.</summary>
    public static bool HoldsSecret(string text) => KeyShaped().IsMatch(text) || Jwt().IsMatch(text);

    public static string Redact(string text) =>
        Jwt().Replace(KeyShaped().Replace(text, match => $"{match.Groups["prefix"].Value}…{match.Value[^4..]}"), "[redacted-jwt]");

    /// <summary>Routes every logger provider through the redaction; call once both hosts have registered their logging.</summary>
    public static IServiceCollection AddKeyRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(provider => new LoggerFactory(
            provider.GetServices<ILoggerProvider>().Select(inner => new RedactingLoggerProvider(inner)),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>())));
        return services;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(?<prefix>sk-ant-|sk-proj-|sk-|cbg_|cb_|whsec_|sk_live_|sk_test_|rk_live_)[A-Za-z0-9_\-]{12,}")]
    private static partial Regex KeyShaped();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}")]
    private static partial Regex Jwt();

    private sealed class RedactingLoggerProvider(ILoggerProvider inner) : ILoggerProvider, ISupportExternalScope
    {
        public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => (inner as ISupportExternalScope)?.SetScopeProvider(scopeProvider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = Redact(formatter(state, exception));
            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var redacted = new RedactedState(
                [.. values.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value is string text ? Redact(text) : pair.Value))], message);
            inner.Log(logLevel, eventId, redacted, exception is null ? null : new RedactedException(exception), static (state, _) => state.Message);
        }
    }

    private sealed class RedactedState(IReadOnlyList<KeyValuePair<string, object?>> values, string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>The original exception's type, stack and inner exceptions, with its messages redacted.</summary>
    private sealed class RedactedException(Exception original) : Exception(Redact(original.Message), original.InnerException is null ? null : new RedactedException(original.InnerException))
    {
        public override string? StackTrace => original.StackTrace;

        public override string ToString() => Redact(original.ToString());
    }
}
