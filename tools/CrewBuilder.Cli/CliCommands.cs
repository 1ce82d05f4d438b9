using System.Text.Json;
using Spectre.Console;

namespace CrewBuilder.Cli;

/// <summary>What each command does over the HTTP API; with <c>--json</c>, the API's own answer is printed.</summary>
public sealed class CliCommands(CliEnvironment environment)
{
    private readonly LoginStore logins = new(environment);

    public async Task<int> GenerateAsync(CliSettings settings, GenerationOrder order, string? folder, CancellationToken cancellationToken)
    {
        using var api = Connect(settings, requireToken: true);
        var accepted = await api.PostAsync("/api/generations", order, cancellationToken);
        var id = accepted.GetProperty("id").GetString()!;
        var view = settings.Json
            ? await GenerationFollower.FollowAsync(api, id, _ => { }, cancellationToken)
            : await GenerationFollower.FollowVisiblyAsync(environment.Console, api, id, cancellationToken);
        if (view.GetProperty("status").GetString() != "completed")
        {
            Print(settings, view);
            throw new CliFailureException(ExitCodes.GenerationFailed, $"Generation {id} {view.GetProperty("status").GetString()}: {(view.TryGetProperty("error", out var error) ? error.GetString() : "no reason given")}");
        }

        var written = await WriteProjectAsync(api, id, folder, cancellationToken);
        PrintOr(settings, view, $"Generation {id} completed: {written.Files} files in {written.Folder}");
        return ExitCodes.Success;
    }

    public async Task<int> StatusAsync(CliSettings settings, string id, CancellationToken cancellationToken)
    {
        using var api = Connect(settings, requireToken: true);
        var view = await api.GetAsync($"/api/generations/{Uri.EscapeDataString(id)}", cancellationToken);
        if (settings.Json)
        {
            Print(settings, view);
            return ExitCodes.Success;
        }

        environment.Console.MarkupLineInterpolated($"{id}: [bold]{view.GetProperty("status").GetString()}[/] ({view.GetProperty("progress").GetInt32()}%)");
        var steps = new Table().AddColumns("step", "status", "summary");
        foreach (var step in view.GetProperty("steps").EnumerateArray())
        {
            steps.AddRow(Markup.Escape(step.GetProperty("name").GetString()!), Markup.Escape(step.GetProperty("status").GetString()!),
                Markup.Escape(step.TryGetProperty("summary", out var summary) ? summary.GetString()! : ""));
        }

        environment.Console.Write(steps);
        return ExitCodes.Success;
    }

    public async Task<int> ListAsync(CliSettings settings, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        using var api = Connect(settings, requireToken: true);
        var query = string.Join('&', new[] { pageSize is { } size ? $"pageSize={size}" : null, continuationToken is { } token ? $"continuationToken={Uri.EscapeDataString(token)}" : null }.OfType<string>());
        var page = await api.GetAsync("/api/generations" + (query.Length > 0 ? "?" + query : ""), cancellationToken);
        if (settings.Json)
        {
            Print(settings, page);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("id", "status", "progress", "created", "requirement");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            table.AddRow(item.GetProperty("id").GetString()!, item.GetProperty("status").GetString()!, $"{item.GetProperty("progress").GetInt32()}%",
                item.GetProperty("createdAt").GetString()!, Markup.Escape(Shorten(item.GetProperty("requirement").GetString()!)));
        }

        environment.Console.Write(table);
        if (page.TryGetProperty("continuationToken", out var next) && next.GetString() is { } more)
        {
            environment.Console.MarkupLineInterpolated($"More: --continuation-token {more}");
        }

        return ExitCodes.Success;
    }

    public async Task<int> DownloadAsync(CliSettings settings, string id, string? folder, CancellationToken cancellationToken)
    {
        using var api = Connect(settings, requireToken: true);
        var written = await WriteProjectAsync(api, id, folder, cancellationToken);
        PrintOr(settings, JsonSerializer.SerializeToElement(new { id, folder = written.Folder, files = written.Files }, CliJson.Options), $"{written.Files} files in {written.Folder}");
        return ExitCodes.Success;
    }

    public async Task<int> ForecastAsync(CliSettings settings, string requirement, string? provider, string? model, CancellationToken cancellationToken)
    {
        using var api = Connect(settings, requireToken: false);
        var forecast = await api.PostAsync("/api/generations/forecast", new { requirement, provider, model }, cancellationToken);
        var cost = forecast.TryGetProperty("costUsd", out var usd) ? $"about ${usd.GetDecimal():0.00}" : "a cost this server cannot price";
        PrintOr(settings, forecast,
            $"About {forecast.GetProperty("inputTokens").GetInt64():N0} tokens in and {forecast.GetProperty("outputTokens").GetInt64():N0} out on {forecast.GetProperty("standardModel").GetString()} and {forecast.GetProperty("advancedModel").GetString()}: {cost}.");
        return ExitCodes.Success;
    }

    /// <summary>Reads the token from standard input when it is redirected, else asks for it unseen: never from the command line.</summary>
    public async Task<int> LoginAsync(CliSettings settings, CancellationToken cancellationToken)
    {
        var token = (environment.InputRedirected
            ? await environment.Input.ReadLineAsync(cancellationToken)
            : await new TextPrompt<string>("Personal API token:").Secret().ShowAsync(environment.Console, cancellationToken))?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new CliFailureException(ExitCodes.Usage, "No token was given; create one in CrewBuilder's account page and paste it here.");
        }

        var baseUrl = BaseUrl(settings);
        using var api = new ApiClient(new HttpClient { BaseAddress = new Uri(baseUrl) }, token);
        var me = await api.GetAsync("/api/me", cancellationToken);
        logins.Save(new Login(baseUrl, token));
        PrintOr(settings, JsonSerializer.SerializeToElement(new { baseUrl, stored = logins.FilePath }, CliJson.Options),
            $"Logged in to {baseUrl} as {(me.TryGetProperty("email", out var email) ? email.GetString() : "you")}; the token is in {logins.FilePath}.");
        return ExitCodes.Success;
    }

    private async Task<(string Folder, int Files)> WriteProjectAsync(ApiClient api, string id, string? folder, CancellationToken cancellationToken)
    {
        var (zip, fileName) = await api.DownloadAsync($"/api/generations/{Uri.EscapeDataString(id)}/artifact", cancellationToken);
        var target = folder ?? Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? "crew.zip"));
        return (target, ProjectFolder.Extract(zip, target));
    }

    private ApiClient Connect(CliSettings settings, bool requireToken)
    {
        var token = environment.Variable(CrewBuilderCli.TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : logins.Read()?.Token;
        if (requireToken && token is null)
        {
            throw new CliFailureException(ExitCodes.Authentication, $"Not logged in: run 'crewbuilder login', or set {CrewBuilderCli.TokenVariable}.");
        }

        return new ApiClient(new HttpClient { BaseAddress = new Uri(BaseUrl(settings)) }, token);
    }

    private string BaseUrl(CliSettings settings)
    {
        var url = settings.BaseUrl ?? environment.Variable(CrewBuilderCli.BaseUrlVariable) ?? logins.Read()?.BaseUrl ?? CrewBuilderCli.DefaultBaseUrl;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? url
            : throw new CliFailureException(ExitCodes.Usage, $"'{url}' is not an http(s) address of a CrewBuilder server.");
    }

    private void PrintOr(CliSettings settings, JsonElement json, string text)
    {
        if (settings.Json)
        {
            Print(settings, json);
        }
        else
        {
            environment.Console.WriteLine(text);
        }
    }

    private void Print(CliSettings settings, JsonElement json)
    {
        if (settings.Json)
        {
            environment.Output.WriteLine(JsonSerializer.Serialize(json, CliJson.Indented));
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
