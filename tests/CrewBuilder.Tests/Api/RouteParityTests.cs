using System.Text.Json;
using System.Text.Json.Nodes;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Tests.Api;

public sealed class RouteParityTests(SelfHostFactory selfHost) : IClassFixture<SelfHostFactory>
{
    [Fact]
    public void The_self_host_serves_exactly_the_http_routes_of_the_functions_app()
    {
        Assert.Equal(FunctionsRoutes(withHead: true), SelfHostRoutes());
    }

    /// <summary>The Functions host keeps these for its own APIs and refuses, at start, any function whose route begins with one.</summary>
    private static readonly string[] HostReservedPrefixes = ["admin", "runtime"];

    [Fact]
    public void No_function_route_begins_with_a_prefix_the_functions_host_reserves()
    {
        var refused = FunctionsRoutes()
            .Select(route => route.Split(' ')[1][$"{ApiRoutes.Prefix}/".Length..])
            .Where(template => HostReservedPrefixes.Any(prefix => template.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

        Assert.Empty(refused);
    }

    [Theory]
    [InlineData("GET", "/api/health")]
    [InlineData("GET", "/api/openapi.json")]
    [InlineData("GET", "/api/generations/unknown")]
    [InlineData("POST", "/api/generations")]
    [InlineData("GET", "/api/me")]
    [InlineData("GET", "/api/no-such-route")]
    public async Task Api_responses_carry_the_security_headers_declared_in_core(string method, string route)
    {
        using var http = selfHost.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), route);
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);

        foreach (var (name, value) in SecurityHeaders.Common)
        {
            Assert.Equal(value, HeaderValue(response, name));
        }

        Assert.Equal(SecurityHeaders.ApiContentSecurityPolicy, HeaderValue(response, "Content-Security-Policy"));
        Assert.Null(HeaderValue(response, "Strict-Transport-Security")); // plain HTTP: HSTS means nothing there
    }

    [Fact]
    public async Task Over_https_the_self_host_sends_strict_transport_security()
    {
        using var http = selfHost.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        using var response = await http.GetAsync("/api/health");

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, HeaderValue(response, "Strict-Transport-Security"));
    }

    [Fact]
    public void The_static_web_apps_headers_are_the_ones_declared_in_core()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "static-web", "public", "staticwebapp.config.json")))!;
        var headers = config["globalHeaders"]!.AsObject();

        foreach (var (name, value) in SecurityHeaders.Common)
        {
            Assert.Equal(value, headers[name]?.GetValue<string>());
        }

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, headers["Strict-Transport-Security"]?.GetValue<string>());
    }

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;

    [Fact]
    public void Every_get_route_answers_head_too()
    {
        var routes = FunctionsRoutes(withHead: true);
        var gets = routes.Where(route => route.StartsWith("GET ", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(gets);
        Assert.All(gets, get => Assert.Contains("HEAD " + get["GET ".Length..], routes));
    }

    /// <summary>The Functions app's routes as "METHOD api/route"; HEAD, which every GET route also answers, only if asked for.</summary>
    internal static SortedSet<string> FunctionsRoutes(bool withHead = false)
    {
        var metadataPath = Path.Combine(RepositoryPaths.BuildOutput("functions/CrewBuilder.Functions"), "functions.metadata");
        Assert.True(File.Exists(metadataPath), $"Build the Functions app first: {metadataPath} is missing.");
        using var metadata = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var routes = new SortedSet<string>();
        foreach (var binding in metadata.RootElement.EnumerateArray().SelectMany(function => function.GetProperty("bindings").EnumerateArray()))
        {
            if (binding.GetProperty("type").GetString() == "httpTrigger")
            {
                foreach (var method in binding.GetProperty("methods").EnumerateArray().Where(method => withHead || method.GetString() != "head"))
                {
                    routes.Add($"{method.GetString()!.ToUpperInvariant()} api/{binding.GetProperty("route").GetString()}");
                }
            }
        }

        return routes;
    }

    private SortedSet<string> SelfHostRoutes()
    {
        _ = selfHost.Server; // builds the app and its endpoints
        var endpoints = selfHost.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return new SortedSet<string>(endpoints
            .Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(endpoint => !ApiRoutes.SelfHostOnly.Any(route => endpoint.RoutePattern.RawText!.EndsWith(route, StringComparison.Ordinal)))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} {endpoint.RoutePattern.RawText!.TrimStart('/')}")));
    }
}

/// <summary>HEAD over real HTTP: what GET would answer, without the body.</summary>
public sealed class HeadTests(KestrelSelfHostFactory app) : IClassFixture<KestrelSelfHostFactory>
{
    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/openapi.json")]
    [InlineData("/api/billing/plans")]
    [InlineData("/api/templates")]
    [InlineData("/api/me")]
    [InlineData("/api/generations/0123456789abcdef0123456789abcdef")]
    public async Task Head_answers_the_status_and_headers_of_get_with_no_body(string url)
    {
        using var http = app.CreateClient();
        using var get = await http.GetAsync(url);
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var head = await http.SendAsync(request);

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }
}
