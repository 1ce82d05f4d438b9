using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Core.Api;

namespace CrewBuilder.Tests.Support;

/// <summary>People signed in to a self-host with development sign-in, each sending requests by name with their token.</summary>
public sealed class SignedInPeople(HttpClient http)
{
    public Dictionary<string, string> Tokens { get; } = [];

    public async Task SignInAsync(string name, string plan = "enterprise") =>
        Tokens[name] = (await JsonAsync(HttpMethod.Post, "/api/dev/sign-in", null, new { email = $"{name}@example.com", plan })).GetProperty("token").GetString()!;

    /// <summary>Sends as <paramref name="who"/> (anonymously when null), with <paramref name="body"/> as the API's JSON.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? who, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: ApiJson.Options) };
        if (who is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[who]);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Sends and reads the JSON answer, failing with the status and body when it is not a success.</summary>
    public async Task<JsonElement> JsonAsync(HttpMethod method, string url, string? who, object? body = null)
    {
        using var response = await SendAsync(method, url, who, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>An organisation <paramref name="owner"/> creates, which <paramref name="member"/> joins as a member by an e-mailed invitation; its id.</summary>
    public async Task<string> OrganisationWithMemberAsync(string owner, string name, string member)
    {
        var orgId = (await JsonAsync(HttpMethod.Post, "/api/orgs", owner, new { name })).GetProperty("id").GetString()!;
        var invitation = (await JsonAsync(HttpMethod.Post, $"/api/orgs/{orgId}/invitations", owner, new { email = $"{member}@example.com", role = "member" })).GetProperty("token").GetString()!;
        await JsonAsync(HttpMethod.Post, "/api/invitations/accept", member, new { token = invitation });
        return orgId;
    }
}
