using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Generation;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// Calls the generation API as a client would: with <paramref name="bearer"/> when given, otherwise anonymously,
/// keeping each anonymous generation's access token to read it back.
/// </summary>
public sealed class GenerationClient(HttpClient http, string? bearer = null)
{
    public const string Requirement = "A crew that triages our support inbox and drafts replies for the support team.";

    private readonly ConcurrentDictionary<string, string> accessTokens = new();

    public HttpClient Http => http;

    public string? AccessTokenOf(string id) => accessTokens.GetValueOrDefault(id);

    /// <summary>Keeps the access token of a generation started some other way, to read it back.</summary>
    public void Remember(GenerationAccepted accepted)
    {
        if (accepted.AccessToken is { } token)
        {
            accessTokens[accepted.Id] = token;
        }
    }

    /// <summary>Starts a generation; <paramref name="layout"/>, when given, is sent as the request's layout.</summary>
    public async Task<GenerationAccepted> StartAsync(string requirement = Requirement, string? layout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generations")
        {
            Content = layout is null ? JsonContent.Create(new { requirement }) : JsonContent.Create(new { requirement, layout }),
        };
        Authorize(request, bearer);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<GenerationAccepted>(ApiJson.Options))!;
        if (accepted.AccessToken is { } token)
        {
            accessTokens[accepted.Id] = token;
        }

        return accepted;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? token = null)
    {
        var request = new HttpRequestMessage(method, url);
        Authorize(request, token ?? bearer);
        return http.SendAsync(request);
    }

    public async Task<GenerationView> GetAsync(string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/generations/{id}", AccessTokenOf(id));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<GenerationView>(ApiJson.Options))!;
    }

    public async Task<Stream> DownloadAsync(string id)
    {
        var response = await SendAsync(HttpMethod.Get, $"/api/generations/{id}/artifact", AccessTokenOf(id));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStreamAsync();
    }

    /// <summary>One file of a completed generation, as the results viewer reads it.</summary>
    public async Task<string> ReadFileAsync(string id, string path)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/generations/{id}/files/{path}", AccessTokenOf(id));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

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

    private static void Authorize(HttpRequestMessage request, string? token)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }
}
