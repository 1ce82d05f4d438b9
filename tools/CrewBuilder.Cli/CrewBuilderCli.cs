using System.CommandLine;

namespace CrewBuilder.Cli;

/// <summary>The <c>crewbuilder</c> command line: its commands and options, and how a run ends (see <see cref="ExitCodes"/>).</summary>
public static class CrewBuilderCli
{
    public const string DefaultBaseUrl = "http://localhost:7071";
    public const string BaseUrlVariable = "CREWBUILDER_URL";
    public const string TokenVariable = "CREWBUILDER_TOKEN";

    private static readonly Option<string?> BaseUrl = new("--base-url")
    {
        Description = $"The CrewBuilder server (else ${BaseUrlVariable}, the one logged in to, or {DefaultBaseUrl}).",
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json") { Description = "Print the API's JSON instead of text, for scripts.", Recursive = true };

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var parsed = Root(environment).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await environment.Error.WriteLineAsync($"crewbuilder: {error.Message}");
            }

            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = environment.Output, Error = environment.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliFailureException failure)
        {
            await environment.Error.WriteLineAsync($"crewbuilder: {failure.Message}");
            return failure.ExitCode;
        }
    }

    private static RootCommand Root(CliEnvironment environment)
    {
        var commands = new CliCommands(environment);
        var requirement = new Argument<string>("requirement") { Description = "What the crew should do, in plain language." };
        var id = new Argument<string>("id") { Description = "The generation's id." };
        var output = new Option<string?>("--out") { Description = "The folder to write the project into (default: ./<project name>); it must be empty." };
        var layout = new Option<string?>("--layout") { Description = "The project's layout: classic (crewai create crew --classic) or json." };
        layout.AcceptOnlyFromAmong("classic", "json");
        var keySource = new Option<string?>("--key-source") { Description = "Which key runs the models: saved, organisation, platform or server." };
        keySource.AcceptOnlyFromAmong("saved", "organisation", "platform", "server");
        var provider = new Option<string?>("--provider") { Description = "openai or anthropic." };
        provider.AcceptOnlyFromAmong("openai", "anthropic");
        var model = new Option<string?>("--model") { Description = "The model to run on." };
        var pageSize = new Option<int?>("--page-size") { Description = "How many per page (1 to 100)." };
        var continuation = new Option<string?>("--continuation-token") { Description = "From the previous page." };

        var generate = new Command("generate", "Generate a CrewAI project, following its steps, and write it into a folder.") { requirement, layout, keySource, provider, model, output };
        generate.SetAction((parsed, ct) => commands.GenerateAsync(
            Settings(parsed), new GenerationOrder(parsed.GetValue(requirement)!, parsed.GetValue(layout), parsed.GetValue(keySource), parsed.GetValue(provider), parsed.GetValue(model)),
            parsed.GetValue(output), ct));
        var status = new Command("status", "Show a generation's status and steps.") { id };
        status.SetAction((parsed, ct) => commands.StatusAsync(Settings(parsed), parsed.GetValue(id)!, ct));
        var list = new Command("list", "List your generations, newest first.") { pageSize, continuation };
        list.SetAction((parsed, ct) => commands.ListAsync(Settings(parsed), parsed.GetValue(pageSize), parsed.GetValue(continuation), ct));
        var download = new Command("download", "Write a completed generation's project into a folder.") { id, output };
        download.SetAction((parsed, ct) => commands.DownloadAsync(Settings(parsed), parsed.GetValue(id)!, parsed.GetValue(output), ct));
        var forecast = new Command("forecast", "Forecast a generation's tokens and cost before starting it.") { requirement, provider, model };
        forecast.SetAction((parsed, ct) => commands.ForecastAsync(Settings(parsed), parsed.GetValue(requirement)!, parsed.GetValue(provider), parsed.GetValue(model), ct));
        var login = new Command("login", "Store a personal API token (read from standard input, or asked for) for this user.");
        login.SetAction((parsed, ct) => commands.LoginAsync(Settings(parsed), ct));

        return new RootCommand("crewbuilder: generate CrewAI projects with CrewBuilder.") { BaseUrl, Json, generate, status, list, download, forecast, login };
    }

    private static CliSettings Settings(ParseResult parsed) => new(parsed.GetValue(BaseUrl), parsed.GetValue(Json));
}

/// <summary>The options every command takes.</summary>
public sealed record CliSettings(string? BaseUrl, bool Json);

/// <summary>A generation to start; <paramref name="Layout"/> and the key's choices only when given.</summary>
public sealed record GenerationOrder(string Requirement, string? Layout, string? KeySource, string? Provider, string? Model);
