using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Cli;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Cli;

/// <summary>The <c>crewbuilder</c> CLI, run in-process against the self-host on a loopback port.</summary>
public sealed class CliTests(ApiTokenWorld world) : IClassFixture<ApiTokenWorld>, IDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("crewbuilder-cli-").FullName;

    private string ConfigHome => Path.Combine(scratch, "config");

    private Task<CliRun> RunAsync(string? token, params string[] args) => RunWithInputAsync(token, null, args);

    private Task<CliRun> RunWithInputAsync(string? token, string? input, params string[] args) =>
        CliRun.RunAsync(ConfigHome, token is null ? new Dictionary<string, string>() : new() { [CrewBuilderCli.TokenVariable] = token }, input,
            [.. args, "--base-url", world.BaseAddress.ToString()]);

    [Fact]
    public async Task Generate_shows_each_step_and_writes_the_project_into_the_out_folder()
    {
        var folder = Path.Combine(scratch, "my_crew");

        var run = await RunAsync(world.FullToken, "generate", GenerationClient.Requirement, "--out", folder);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        foreach (var step in GenerationSteps.All)
        {
            Assert.Contains($"{step}: completed", run.Console, StringComparison.Ordinal);
        }

        var id = run.Console.Split("Generation ")[^1].Split(' ')[0];
        var view = await new GenerationClient(world.Http, world.FullToken).GetAsync(id);
        Assert.Equal(view.Files.Select(file => file.Path).Order(StringComparer.Ordinal), FilesIn(folder));
        Assert.Equal(await new GenerationClient(world.Http, world.FullToken).ReadFileAsync(id, "README.md"), await File.ReadAllTextAsync(Path.Combine(folder, "README.md")));
    }

    [Fact]
    public async Task Generate_with_layout_json_writes_the_json_first_project()
    {
        var folder = Path.Combine(scratch, "json_layout");

        var run = await RunAsync(world.FullToken, "generate", GenerationClient.Requirement, "--layout", "json", "--out", folder);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("crew.jsonc", FilesIn(folder));
        Assert.Contains("models.py", FilesIn(folder));
        Assert.DoesNotContain(FilesIn(folder), path => path.StartsWith("src/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_terminal_generate_draws_a_progress_bar_of_the_steps()
    {
        var run = await CliRun.RunAsync(ConfigHome, new Dictionary<string, string> { [CrewBuilderCli.TokenVariable] = world.FullToken }, null, interactive: true,
            "generate", GenerationClient.Requirement, "--out", Path.Combine(scratch, "live"), "--base-url", world.BaseAddress.ToString());

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.All(GenerationSteps.All, step => Assert.Contains(step, run.Console, StringComparison.Ordinal));
        Assert.Contains("100%", run.Console, StringComparison.Ordinal);
        Assert.Contains("\u001b[", run.Console, StringComparison.Ordinal); // redrawn in place with ANSI cursor movements
    }

    [Fact]
    public async Task Generate_with_json_prints_the_completed_generation_and_no_progress_bar()
    {
        var folder = Path.Combine(scratch, "json_crew");

        var run = await RunAsync(world.FullToken, "generate", GenerationClient.Requirement, "--out", folder, "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var view = JsonSerializer.Deserialize<GenerationView>(run.Output, ApiJson.Options)!;
        Assert.Equal(GenerationStatus.Completed, view.Status);
        Assert.Equal(view.Files.Select(file => file.Path).Order(StringComparer.Ordinal), FilesIn(folder));
        Assert.Empty(run.Console);
    }

    [Fact]
    public async Task Status_list_download_and_forecast_answer_what_the_api_answers()
    {
        var api = new GenerationClient(world.Http, world.FullToken);
        var id = (await api.StartAsync()).Id;
        await api.WaitForCompletionAsync(id);
        var folder = Path.Combine(scratch, "downloaded");

        var status = await RunAsync(world.FullToken, "status", id, "--json");
        var list = await RunAsync(world.FullToken, "list", "--page-size", "100", "--json");
        var download = await RunAsync(world.FullToken, "download", id, "--out", folder);
        var forecast = await RunAsync(null, "forecast", GenerationClient.Requirement, "--json");
        var statusText = await RunAsync(world.FullToken, "status", id);

        Assert.All(new[] { status, list, download, forecast, statusText }, run => Assert.True(run.ExitCode == ExitCodes.Success, run.ToString()));
        Assert.Equal(id, JsonSerializer.Deserialize<GenerationView>(status.Output, ApiJson.Options)!.Id);
        Assert.Contains(JsonSerializer.Deserialize<GenerationPage>(list.Output, ApiJson.Options)!.Items, item => item.Id == id);
        Assert.Equal((await api.GetAsync(id)).Files.Select(file => file.Path).Order(StringComparer.Ordinal), FilesIn(folder));
        using var expected = await world.Http.PostAsJsonAsync("/api/generations/forecast", new { requirement = GenerationClient.Requirement });
        Assert.Equal(await expected.Content.ReadFromJsonAsync<Forecast>(ApiJson.Options), JsonSerializer.Deserialize<Forecast>(forecast.Output, ApiJson.Options));
        Assert.Contains("completed (100%)", statusText.Console, StringComparison.Ordinal);
        Assert.Contains(GenerationSteps.Package, statusText.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_reads_the_token_from_standard_input_and_keeps_it_for_this_user_alone()
    {
        var login = await RunWithInputAsync(null, world.ReadOnlyToken + "\n", "login");
        var list = await RunAsync(null, "list", "--json");

        Assert.True(login.ExitCode == ExitCodes.Success, login.ToString());
        var stored = Path.Combine(ConfigHome, "crewbuilder", "credentials.json");
        Assert.Contains(world.ReadOnlyToken, await File.ReadAllTextAsync(stored), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));
        }

        Assert.DoesNotContain(world.ReadOnlyToken, login.ToString(), StringComparison.Ordinal);
        Assert.True(list.ExitCode == ExitCodes.Success, list.ToString()); // the stored token, with no CREWBUILDER_TOKEN set
    }

    [Fact]
    public async Task A_token_the_server_refuses_is_not_stored()
    {
        var login = await RunWithInputAsync(null, "cb_" + new string('z', 40), "login");

        Assert.Equal(ExitCodes.Authentication, login.ExitCode);
        Assert.Contains("Authentication required.", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(ConfigHome, "crewbuilder", "credentials.json")));
    }

    public static TheoryData<string, string[], int> Failures() => new()
    {
        { "none", ["list"], ExitCodes.Authentication },
        { "read-only", ["generate", GenerationClient.Requirement], ExitCodes.Authentication },
        { "full", ["status", "0123456789abcdef0123456789abcdef"], ExitCodes.NotFound },
        { "full", ["generate", "too short"], ExitCodes.Refused },
        { "full", ["list", "--page-size", "1000"], ExitCodes.Refused },
        { "full", ["generate", GenerationClient.Requirement, "--key-source", "server"], ExitCodes.Refused }, // template mode: no server key
        { "full", ["generate", GenerationClient.Requirement, "--layout", "yaml"], ExitCodes.Usage },
        { "full", ["frobnicate"], ExitCodes.Usage },
        { "full", ["list", "--base-url", "not a url"], ExitCodes.Usage },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Each_kind_of_failure_exits_with_its_own_code_and_says_why(string token, string[] args, int expected)
    {
        var bearer = token switch { "full" => world.FullToken, "read-only" => world.ReadOnlyToken, _ => null };

        var run = await CliRun.RunAsync(ConfigHome, bearer is null ? new Dictionary<string, string>() : new() { [CrewBuilderCli.TokenVariable] = bearer }, null,
            args.Contains("--base-url") ? args : [.. args, "--base-url", world.BaseAddress.ToString()]);

        Assert.True(run.ExitCode == expected, run.ToString());
        Assert.StartsWith("crewbuilder: ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_with_the_plan_s_generations_used_up_exits_with_the_limit_code()
    {
        var (userId, token) = await world.NewPersonAsync("used-up@example.com");
        var (periodStart, periodEnd) = QuotaPeriods.StartingAt(DateTimeOffset.UtcNow);
        await world.App.Services.GetRequiredService<QuotaLedger>().OpenAsync(userId, PlanIds.Professional, 0, periodStart, periodEnd, renews: true, CancellationToken.None);

        var run = await RunAsync(token, "generate", GenerationClient.Requirement, "--out", Path.Combine(scratch, "refused"));

        Assert.True(run.ExitCode == ExitCodes.Limit, run.ToString());
        Assert.Contains("generations", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch, "refused")));
    }

    [Fact]
    public async Task A_generation_cancelled_while_generate_follows_it_exits_with_the_failed_generation_code()
    {
        var (_, token) = await world.NewPersonAsync("cancels@example.com");
        var following = RunAsync(token, "generate", GenerationClient.Requirement, "--out", Path.Combine(scratch, "cancelled"));

        var id = await FirstGenerationOfAsync(token);
        using var cancel = world.Request(HttpMethod.Delete, ApiRoutes.GenerationUrl(id), token);
        using var cancelled = await world.Http.SendAsync(cancel);
        cancelled.EnsureSuccessStatusCode();
        var run = await following;

        Assert.True(run.ExitCode == ExitCodes.GenerationFailed, run.ToString());
        Assert.Contains($"Generation {id} cancelled", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(scratch, "cancelled")));
    }

    /// <summary>The id of the person's first generation, once the CLI has started it (template steps take 250 ms each, so it is still running).</summary>
    private async Task<string> FirstGenerationOfAsync(string token)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var list = world.Request(HttpMethod.Get, "/api/generations", token);
            using var answer = await world.Http.SendAsync(list);
            var items = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items");
            if (items.GetArrayLength() > 0)
            {
                return items[0].GetProperty("id").GetString()!;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The CLI started no generation within 30 s.");
    }

    [Fact]
    public async Task An_unreachable_server_exits_with_its_own_code()
    {
        var run = await CliRun.RunAsync(ConfigHome, new Dictionary<string, string>(), null, "forecast", GenerationClient.Requirement, "--base-url", $"http://127.0.0.1:{FreePort.Next()}");

        Assert.True(run.ExitCode == ExitCodes.Unavailable, run.ToString());
        Assert.Contains("Could not reach", run.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<string> FilesIn(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/')).Order(StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(scratch, recursive: true);
}
