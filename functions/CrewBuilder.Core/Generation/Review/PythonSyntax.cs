using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace CrewBuilder.Core.Generation.Review;

/// <summary>
/// Whether Python files parse. With a python3 on the machine (the self-host, CI, a custom container) CPython's own
/// parser decides (<c>ast.parse</c>, which runs nothing), in one long-lived python3 process that checks one project per
/// line of input, so a review does not pay for starting Python; without python3 a structural check of brackets and
/// strings does.
/// </summary>
public sealed class PythonSyntax(ILogger<PythonSyntax> logger) : IDisposable
{
    private const string ParseEachLine = """
        import ast, json, sys
        for line in sys.stdin:
            problems = []
            for path, source in json.loads(line).items():
                try:
                    ast.parse(source, filename=path)
                except SyntaxError as error:
                    problems.append(f"{path} line {error.lineno}: {error.msg}")
            print(json.dumps(problems), flush=True)
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Lazy<string?> interpreter = new(FindPython);
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private Process? parser;

    public string Checker => interpreter.Value is null ? "structural check (no python3 on this machine)" : "CPython's parser";

    public async Task<IReadOnlyList<string>> ProblemsAsync(IReadOnlyList<ProjectFile> files, CancellationToken cancellationToken)
    {
        var sources = files.Where(file => file.Path.EndsWith(".py", StringComparison.Ordinal)).ToDictionary(file => file.Path, file => file.Content);
        return interpreter.Value is { } python
            ? await ParseAsync(python, sources, cancellationToken) ?? Structural(sources)
            : Structural(sources);
    }

    private async Task<IReadOnlyList<string>?> ParseAsync(string python, Dictionary<string, string> sources, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            parser ??= Process.Start(new ProcessStartInfo(python, ["-I", "-c", ParseEachLine])
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Patience);
            await parser.StandardInput.WriteLineAsync(JsonSerializer.Serialize(sources).AsMemory(), timeout.Token);
            await parser.StandardInput.FlushAsync(timeout.Token);
            if (await parser.StandardOutput.ReadLineAsync(timeout.Token) is { } answer)
            {
                return JsonSerializer.Deserialize<List<string>>(answer);
            }

            Stop();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or JsonException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The parser ended or stopped answering: the next review starts a fresh one; this one falls back.
            logger.LogWarning("python3 could not check the generated code ({Reason})", e.GetType().Name);
            Stop();
        }
        finally
        {
            oneAtATime.Release();
        }

        return null;
    }

    private static string? FindPython() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, OperatingSystem.IsWindows() ? "python.exe" : "python3"))
            .FirstOrDefault(File.Exists);

    private void Stop()
    {
        var stopping = Interlocked.Exchange(ref parser, null);
        if (stopping is not null)
        {
            if (!stopping.HasExited)
            {
                stopping.Kill(entireProcessTree: true);
            }

            stopping.Dispose();
        }
    }

    public void Dispose()
    {
        Stop();
        oneAtATime.Dispose();
    }

    /// <summary>Brackets balance and strings end, outside comments: what most broken model-written code gets wrong.</summary>
    internal static IReadOnlyList<string> Structural(Dictionary<string, string> sources)
    {
        var problems = new List<string>();
        foreach (var (path, source) in sources)
        {
            if (StructuralProblem(source) is { } problem)
            {
                problems.Add($"{path} {problem}");
            }
        }

        return problems;
    }
    private static string? StructuralProblem(string source)
    {
        var open = new Stack<(char Bracket, int Line)>();
        var line = 1;
        for (var i = 0; i < source.Length; i++)
        {
            var ch = source[i];
            if (ch == '\n')
            {
                line++;
            }
            else if (ch == '#')
            {
                while (i + 1 < source.Length && source[i + 1] != '\n')
                {
                    i++;
                }
            }
            else if (ch is '"' or '\'')
            {
                var quote = i + 2 < source.Length && source[i + 1] == ch && source[i + 2] == ch ? new string(ch, 3) : ch.ToString();
                var end = FindStringEnd(source, i + quote.Length, quote);
                if (end < 0)
                {
                    return $"line {line}: a string is never closed";
                }

                line += source.AsSpan(i, end - i).Count('\n');
                i = end - 1;
            }
            else if (ch is '(' or '[' or '{')
            {
                open.Push((ch, line));
            }
            else if (ch is ')' or ']' or '}')
            {
                if (open.Count == 0 || open.Pop().Bracket != (ch == ')' ? '(' : ch == ']' ? '[' : '{'))
                {
                    return $"line {line}: '{ch}' does not match an opening bracket";
                }
            }
        }

        return open.Count > 0 ? $"line {open.Peek().Line}: '{open.Peek().Bracket}' is never closed" : null;
    }

    private static int FindStringEnd(string source, int from, string quote)
    {
        for (var i = from; i < source.Length; i++)
        {
            if (source[i] == '\\')
            {
                i++;
            }
            else if (quote.Length == 1 && source[i] == '\n')
            {
                return -1;
            }
            else if (string.CompareOrdinal(source, i, quote, 0, quote.Length) == 0)
            {
                return i + quote.Length;
            }
        }

        return -1;
    }
}
