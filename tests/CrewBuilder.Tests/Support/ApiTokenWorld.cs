using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Identity;

namespace CrewBuilder.Tests.Support;

/// <summary>
/// The self-host over Kestrel on a loopback port, in template mode, with one Professional person holding personal API
/// tokens: one with every scope and one that may only read. Each template step is held open a little, so a generation
/// runs long enough to be followed.
/// </summary>
public sealed class ApiTokenWorld : IAsyncLifetime
{
    public KestrelSelfHostFactory App { get; } = new() { TemplateStepDelay = TimeSpan.FromMilliseconds(250), Settings = { ["CREWBUILDER_DEV_AUTH"] = "true" } };

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The self-host's address, as a client outside the process dials it.</summary>
    public Uri BaseAddress => Http.BaseAddress!;

    public string SignedIn { get; private set; } = "";

    public string FullToken { get; private set; } = "";

    public string ReadOnlyToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Http = App.CreateClient();
        using var signIn = await Http.PostAsJsonAsync("/api/dev/sign-in", new { email = "assistant@example.com", plan = "professional" });
        signIn.EnsureSuccessStatusCode();
        SignedIn = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        FullToken = await CreateTokenAsync("everything", Scopes.All);
        ReadOnlyToken = await CreateTokenAsync("read only", [Scopes.GenerationsRead]);
    }

    public HttpRequestMessage Request(HttpMethod method, string url, string? bearer)
    {
        var request = new HttpRequestMessage(method, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }

    /// <summary>A new Professional person of the caller's own: their id and an API token with every scope.</summary>
    public async Task<(string UserId, string Token)> NewPersonAsync(string email)
    {
        using var signIn = await Http.PostAsJsonAsync("/api/dev/sign-in", new { email, plan = "professional" });
        signIn.EnsureSuccessStatusCode();
        var session = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var me = Request(HttpMethod.Get, "/api/me", session);
        using var answer = await Http.SendAsync(me);
        answer.EnsureSuccessStatusCode();
        return ((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, await CreateTokenAsync("everything", Scopes.All, session));
    }

    private async Task<string> CreateTokenAsync(string name, IEnumerable<string> scopes, string? session = null)
    {
        using var request = Request(HttpMethod.Post, "/api/tokens", session ?? SignedIn);
        request.Content = JsonContent.Create(new { name, scopes, expiresInDays = 1 });
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
        App.Dispose();
        return Task.CompletedTask;
    }
}
