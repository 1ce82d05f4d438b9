using System.Text;
using CrewBuilder.Cli;
using Spectre.Console;

namespace CrewBuilder.Tests.Cli;

/// <summary>One run of the CLI in-process: what it printed and how it exited.</summary>
public sealed record CliRun(int ExitCode, string Console, string Output, string Error)
{
    /// <summary>Runs <c>crewbuilder</c> with <paramref name="args"/>, its own config directory and environment, and <paramref name="input"/> redirected in.</summary>
    public static Task<CliRun> RunAsync(string configHome, IReadOnlyDictionary<string, string> variables, string? input, params string[] args) =>
        RunAsync(configHome, variables, input, interactive: false, args);

    /// <summary>As on a terminal when <paramref name="interactive"/> (live display, ANSI), else as into a file or pipe.</summary>
    public static async Task<CliRun> RunAsync(string configHome, IReadOnlyDictionary<string, string> variables, string? input, bool interactive, params string[] args)
    {
        var console = new StringWriter();
        var output = new StringWriter();
        var error = new StringWriter();
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(console),
        });
        var environment = new CliEnvironment(
            new StringReader(input ?? ""), input is not null, ansi, output, error,
            name => name == "XDG_CONFIG_HOME" ? configHome : variables.GetValueOrDefault(name));

        var exitCode = await CrewBuilderCli.RunAsync(args, environment, CancellationToken.None);
        return new CliRun(exitCode, console.ToString(), output.ToString(), error.ToString());
    }

    public override string ToString() => new StringBuilder($"exit {ExitCode}\n").Append(Console).Append(Output).Append(Error).ToString();
}
