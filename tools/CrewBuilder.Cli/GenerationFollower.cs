using System.Text.Json;
using Spectre.Console;

namespace CrewBuilder.Cli;

/// <summary>Follows a generation to its end by reading its status, live on a progress bar of its steps when asked.</summary>
public static class GenerationFollower
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static async Task<JsonElement> FollowAsync(ApiClient api, string id, Action<JsonElement> seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            var view = await api.GetAsync($"/api/generations/{Uri.EscapeDataString(id)}", cancellationToken);
            seen(view);
            if (view.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return view;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    /// <summary>A live progress bar on a terminal; where output is a file or a pipe (CI), a line each time a step changes.</summary>
    public static Task<JsonElement> FollowVisiblyAsync(IAnsiConsole console, ApiClient api, string id, CancellationToken cancellationToken) =>
        console.Profile.Capabilities.Interactive
            ? FollowWithProgressBarAsync(console, api, id, cancellationToken)
            : FollowWithStepLinesAsync(console, api, id, cancellationToken);

    private static Task<JsonElement> FollowWithStepLinesAsync(IAnsiConsole console, ApiClient api, string id, CancellationToken cancellationToken)
    {
        var shown = new Dictionary<string, string>();
        return FollowAsync(api, id, view =>
        {
            foreach (var step in view.GetProperty("steps").EnumerateArray())
            {
                var (name, status) = (step.GetProperty("name").GetString()!, step.GetProperty("status").GetString()!);
                if (status != "pending" && shown.GetValueOrDefault(name) != status)
                {
                    shown[name] = status;
                    console.WriteLine(step.TryGetProperty("summary", out var summary) ? $"{name}: {status}, {summary.GetString()}" : $"{name}: {status}");
                }
            }
        }, cancellationToken);
    }

    /// <summary>One bar per step: empty while pending, moving while running, full when done.</summary>
    private static Task<JsonElement> FollowWithProgressBarAsync(IAnsiConsole console, ApiClient api, string id, CancellationToken cancellationToken) =>
        console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var bars = new Dictionary<string, ProgressTask>();
                return await FollowAsync(api, id, view =>
                {
                    foreach (var step in view.GetProperty("steps").EnumerateArray())
                    {
                        var name = step.GetProperty("name").GetString()!;
                        var bar = bars.TryGetValue(name, out var known) ? known : bars[name] = progress.AddTask(Markup.Escape(name), autoStart: false, maxValue: 1);
                        switch (step.GetProperty("status").GetString())
                        {
                            case "running":
                                bar.StartTask();
                                bar.IsIndeterminate = true;
                                break;
                            case "completed":
                                bar.IsIndeterminate = false;
                                bar.Value = 1;
                                bar.StopTask();
                                break;
                            case "failed":
                                bar.Description = $"[red]{Markup.Escape(name)} failed[/]";
                                bar.StopTask();
                                break;
                        }
                    }
                }, cancellationToken);
            });
}
