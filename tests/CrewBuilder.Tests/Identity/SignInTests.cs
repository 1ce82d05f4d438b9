using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrewBuilder.Tests.Api;
using CrewBuilder.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CrewBuilder.Tests.Identity;

public sealed class SignInTests
{
    [Fact]
    public async Task Development_sign_in_issues_a_token_that_the_api_accepts_and_can_set_the_plan()
    {
        using var app = new SelfHostFactory { Settings = { ["CREWBUILDER_DEV_AUTH"] = "true" } };
        using var http = app.CreateClient();

        using var signIn = await http.PostAsJsonAsync("/api/dev/sign-in", new { email = "dev@example.com", plan = "professional" });
        var token = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new("Bearer", token);
        using var me = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var profile = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dev@example.com", profile.GetProperty("email").GetString());
        Assert.Equal("professional", profile.GetProperty("plan").GetString());
        var config = await http.GetFromJsonAsync<JsonElement>("/api/auth/config");
        Assert.True(config.GetProperty("devSignIn").GetBoolean());
        Assert.Empty(config.GetProperty("platformKeyProviders").EnumerateArray()); // no CrewBuilder Pro AI key here: the site offers none
    }

    [Fact]
    public async Task Development_sign_in_refuses_what_is_not_an_email_address()
    {
        using var app = new SelfHostFactory { Settings = { ["CREWBUILDER_DEV_AUTH"] = "true" } };
        using var http = app.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/dev/sign-in", new { email = "not an address" });

        await GenerationApiTests.AssertProblem(response, HttpStatusCode.UnprocessableEntity, "validation");
    }

    [Fact]
    public async Task Without_the_setting_there_is_no_development_sign_in_and_its_tokens_are_refused()
    {
        using var app = new SelfHostFactory();
        using var http = app.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/dev/sign-in", new { email = "dev@example.com" });
        var config = await http.GetFromJsonAsync<JsonElement>("/api/auth/config");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(config.GetProperty("devSignIn").GetBoolean());
    }

    [Fact]
    public void The_self_host_refuses_to_start_with_development_sign_in_in_production()
    {
        using var app = new SelfHostFactory { Settings = { ["CREWBUILDER_DEV_AUTH"] = "true" } };
        using var production = app.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));

        var error = Assert.Throws<InvalidOperationException>(() => production.CreateClient());
        Assert.Contains("Production", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_functions_app_never_offers_development_sign_in()
    {
        var metadata = File.ReadAllText(Path.Combine(RepositoryPaths.BuildOutput("functions/CrewBuilder.Functions"), "functions.metadata"));

        Assert.DoesNotContain("dev/sign-in", metadata, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_failed_authentication_from_one_address_is_answered_429_with_retry_after()
    {
        using var app = new SelfHostFactory { Settings = { ["Auth:FailedAttemptsPerMinute"] = "3" }, Clock = SelfHostFactory.StillWithinOneMinute() };
        using var http = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/generations");
            request.Headers.Authorization = new("Bearer", "cb_guessing" + i);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                Assert.InRange(retryAfter ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
                await GenerationApiTests.AssertProblem(response, HttpStatusCode.TooManyRequests, "too-many-failed-authentications");
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
