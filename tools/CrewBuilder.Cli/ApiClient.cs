using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CrewBuilder.Cli;

/// <summary>The CrewBuilder HTTP API as the CLI uses it: each answer that is not a success becomes a <see cref="CliFailureException"/>.</summary>
public sealed class ApiClient(HttpClient http, string? token) : IDisposable
{
    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, object body, CancellationToken cancellationToken) => SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>A download's bytes and the file name the server gives it.</summary>
    public async Task<(byte[] Content, string? FileName)> DownloadAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await AnswerAsync(HttpMethod.Get, path, null, cancellationToken);
        return (await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await AnswerAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: CliJson.Options);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailureException(ExitCodes.Unavailable, $"Could not reach {http.BaseAddress}: {e.Message}");
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new CliFailureException(ExitCodes.ForStatus(response.StatusCode), await DescribeAsync(response, cancellationToken));
        }
    }

    /// <summary>A problem answer in one line: its title, detail and what to change.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }

        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        var line = new StringBuilder($"{Field(problem, "title")} {Field(problem, "detail")}".Trim());
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                line.Append($" {field.Name}: {string.Join(" ", field.Value.EnumerateArray().Select(message => message.GetString()))}");
            }
        }

        return line.ToString();
    }

    private static string Field(JsonElement problem, string name) => problem.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    public void Dispose() => http.Dispose();
}
