using Spectre.Console;

namespace CrewBuilder.Cli;

/// <summary>
/// What a run of the CLI reads and writes: standard input, the console, standard error and the environment. The process
/// passes its own; tests pass their own, so the CLI runs in-process against a self-host.
/// </summary>
public sealed record CliEnvironment(TextReader Input, bool InputRedirected, IAnsiConsole Console, TextWriter Output, TextWriter Error, Func<string, string?> Variable)
{
    public static CliEnvironment FromProcess() => new(
        System.Console.In, System.Console.IsInputRedirected, AnsiConsole.Console, System.Console.Out, System.Console.Error, Environment.GetEnvironmentVariable);

    /// <summary>
    /// Where the login is kept, per user: %APPDATA%\CrewBuilder on Windows, else $XDG_CONFIG_HOME/crewbuilder or
    /// ~/.config/crewbuilder (macOS included, as command-line tools there commonly do).
    /// </summary>
    public string ConfigDirectory => OperatingSystem.IsWindows()
        ? Path.Combine(Variable("APPDATA") ?? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "CrewBuilder")
        : Path.Combine(Variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "crewbuilder");
}
