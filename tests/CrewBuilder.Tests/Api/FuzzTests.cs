using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Api;

/// <summary>
/// Thousands of requests generated from the served OpenAPI document, for every operation, anonymous and signed in,
/// against the self-host over Kestrel on loopback. Whatever is sent: no 5xx; every 4xx a problem whose status is the
/// HTTP status and whose type is one of a fixed vocabulary; no exception text in any body; and the host stays healthy.
/// </summary>
public sealed partial class FuzzTests(ApiWorld world, ITestOutputHelper output) : IClassFixture<ApiWorld>
{
    private const int Seed = 15;
    private const int Parallelism = 8;
    private const int HealthEvery = 500;

    /// <summary>
    /// Kestrel answers a bare 400 to a path with a NUL in it (%00) before any of our code runs: that request is not HTTP
    /// it will serve, and no problem document can be written for it. Counted apart, and allowed for those paths only.
    /// </summary>
    private const string KestrelRefusal = "(Kestrel: invalid request target)";

    [Fact]
    public async Task No_generated_request_answers_5xx_or_a_4xx_without_a_problem_and_the_host_stays_healthy()
    {
        var document = JsonSerializer.Deserialize<JsonElement>(await world.Http.GetStringAsync("/api/openapi.json"));
        var cases = new FuzzCases(document, Values(), Seed).All().ToList();
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var types = new ConcurrentDictionary<string, int>();
        var slowest = new ConcurrentQueue<(TimeSpan Took, string Request)>();
        using var http = Client();
        var clock = Stopwatch.StartNew();

        // A DELETE may remove what later cases name (the organisation, the token); they go last.
        foreach (var batch in cases.OrderBy(c => c.Method == "DELETE").Chunk(HealthEvery))
        {
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (fuzzCase, cancellationToken) =>
            {
                var started = Stopwatch.GetTimestamp();
                var (status, problem) = await SendAsync(http, fuzzCase, cancellationToken);
                slowest.Enqueue((Stopwatch.GetElapsedTime(started), $"{fuzzCase.Method} {Shorten(fuzzCase.Path)} [{fuzzCase.Label}] {status}"));
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (problem.Type is { } type)
                {
                    types.AddOrUpdate(type, 1, (_, n) => n + 1);
                }

                if (problem.Failure is { } failure)
                {
                    failures.Enqueue($"{fuzzCase.Method} {Shorten(fuzzCase.Path)} [{fuzzCase.Label}]: {failure}");
                }
            });

            await AssertHealthyAsync(http);
        }

        output.WriteLine($"{cases.Count} generated requests (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s, {Parallelism} at a time, health checked every {HealthEvery}");
        output.WriteLine("Statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        output.WriteLine("Problem types: " + string.Join(", ", types.OrderByDescending(t => t.Value).Select(t => $"{t.Key.Split('/')[^1]}×{t.Value}")));
        output.WriteLine("Slowest: " + string.Join("; ", slowest.OrderByDescending(s => s.Took).Take(8).Select(s => $"{s.Took.TotalMilliseconds:F0} ms {s.Request}")));
        Assert.True(statuses.Keys.Any(status => status < 300), "Nothing succeeded: the cases never reached an endpoint's work.");
        var errors = world.App.Logs.Where(line => line.StartsWith("Error", StringComparison.Ordinal)).Select(line => Shorten(line.Split('\n')[0] + " " + line.Split('\n').Skip(1).FirstOrDefault())).Distinct();
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} responses broke the contract:\n{string.Join('\n', failures.Take(40))}\n"
            + $"The host logged:\n{string.Join('\n', errors.Take(5))}");
    }

    private FuzzWorldValues Values() => new(world.PathValues, new Dictionary<string, string?>
    {
        ["anonymous"] = null,
        ["a signed-in person (development sign-in)"] = "Bearer " + world.DevToken,
        ["a signed-in person (OIDC)"] = "Bearer " + world.OidcToken,
        ["a personal API token"] = "Bearer " + world.ApiToken,
        ["a generation's access token"] = "Bearer " + world.GenerationAccessToken,
    }, new Dictionary<string, Func<byte[], string>>
    {
        ["Stripe-Signature"] = body => Support.StripeStandIn.Sign(Encoding.UTF8.GetString(body), DateTimeOffset.UtcNow, Support.StripeStandIn.WebhookSecret),
    });

    /// <summary>A client that sends what it is given: header bytes as UTF-8, paths unchanged, no retries or redirects.</summary>
    private HttpClient Client()
    {
#pragma warning disable CA2000 // the client owns the handler
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
#pragma warning restore CA2000
        return new HttpClient(handler) { BaseAddress = world.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static async Task<(int Status, (string? Type, string? Failure) Problem)> SendAsync(HttpClient http, FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        var uri = new Uri(http.BaseAddress!.GetLeftPart(UriPartial.Authority) + fuzzCase.Path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Method), uri);
        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzzCase.Body);
            request.Content.Headers.ContentType = null;
            if (fuzzCase.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
            }
        }

        if (fuzzCase.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", fuzzCase.Authorization);
        }

        foreach (var (name, value) in fuzzCase.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return status == 400 && body.Length == 0 && response.Content.Headers.ContentType is null && fuzzCase.Path.Contains("%00", StringComparison.Ordinal)
            ? (status, (KestrelRefusal, null))
            : (status, Judge(status, response.Content.Headers.ContentType, body));
    }

    /// <summary>The problem's type, and what is wrong with the response, if anything.</summary>
    private static (string? Type, string? Failure) Judge(int status, MediaTypeHeaderValue? contentType, string body)
    {
        // A generated project's files (text, zip) are the user's content, not ours to judge.
        var ours = status >= 400 || contentType?.MediaType is "application/json" or "application/problem+json";
        if (ours && ExceptionText().Match(body) is { Success: true } leak)
        {
            return (null, $"{status} with exception text '{leak.Value}' in: {Shorten(body)}");
        }

        if (status >= 500)
        {
            return (null, $"{status}: {Shorten(body)}");
        }

        if (status < 400)
        {
            return (null, null);
        }

        if (contentType?.MediaType != "application/problem+json")
        {
            return (null, $"{status} as {contentType?.MediaType ?? "no content type"}, not a problem: {Shorten(body)}");
        }

        try
        {
            var problem = JsonSerializer.Deserialize<JsonElement>(body);
            var type = problem.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (!problem.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.Number || s.GetInt32() != status)
            {
                return (type, $"{status} whose problem says status {(problem.TryGetProperty("status", out s) ? s.GetRawText() : "nothing")}");
            }

            return type is not null && StableType().IsMatch(type) ? (type, null) : (type, $"{status} with type '{type}', not one of the stable problem types");
        }
        catch (JsonException)
        {
            return (null, $"{status} whose problem is not JSON: {Shorten(body)}");
        }
    }

    private static async Task AssertHealthyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/api/health");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/api/health: {(int)response.StatusCode} {body}");
        Assert.Equal("healthy", JsonSerializer.Deserialize<JsonElement>(body).GetProperty("status").GetString());
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Our problem types, and the RFC 9110 section ASP.NET Core names for a route that does not exist or take the method.</summary>
    [GeneratedRegex(@"^(https://crewbuilder\.dev/problems/[a-z-]+|https://tools\.ietf\.org/html/rfc9110#section-15\.5\.\d+)$")]
    private static partial Regex StableType();

    // Non-backtracking: a body may echo a 10,000-character word, and "\w+Exception" would backtrack through it quadratically.
    [GeneratedRegex(@"\w+Exception\b|\bat [\w.<>`]+\(|\.cs:line \d+|StackTrace|System\.[A-Z]\w+\.[A-Z]", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ExceptionText();
}
