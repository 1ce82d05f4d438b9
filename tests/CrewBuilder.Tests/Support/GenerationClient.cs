using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Tests.Support;

/// <summary>Calls the generation API as a client would, reading responses in the API's wire format.</summary>
public sealed class GenerationClient(HttpClient http)
{
    public const string Requirement = "A crew that triages our support inbox and drafts replies for the support team.";

    public HttpClient Http => http;

    public async Task<GenerationAccepted> StartAsync(string requirement = Requirement)
    {
        using var response = await http.PostAsJsonAsync("/api/generations", new { requirement });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
    }

    public async Task<GenerationView> GetAsync(string id) =>
        (await http.GetFromJsonAsync<GenerationView>($"/api/generations/{id}", ApiJson.Options))!;

    /// <summary>Polls the status until <paramref name="until"/> holds, failing with the last status seen after <paramref name="timeout"/>.</summary>
    public async Task<GenerationView> WaitAsync(string id, Func<GenerationView, bool> until, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = await GetAsync(id);
            if (until(view))
            {
                return view;
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Generation {id} did not reach the expected state in {timeout}: {JsonSerializer.Serialize(view, ApiJson.Options)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public Task<GenerationView> WaitForCompletionAsync(string id) =>
        WaitAsync(id, view => view.Status is GenerationStatus.Completed or GenerationStatus.Failed, TimeSpan.FromSeconds(60));
}
