using System.Diagnostics;
using System.Net;
using CrewBuilder.Core.Api;
using CrewBuilder.Tests.Support;
using Xunit.Abstractions;

namespace CrewBuilder.Tests.Api;

/// <summary>
/// The API journey through Prism's validating proxy in front of the running self-host: any request or response that does not
/// match the OpenAPI document fails the test (<see cref="ContractWorld.SendAsync"/>).
/// </summary>
public sealed class ContractTests(ContractWorld world, ITestOutputHelper output) : IClassFixture<ContractWorld>
{
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;
    private static readonly HttpMethod Patch = HttpMethod.Patch;
    private static readonly string[] ReadScope = [CrewBuilder.Core.Identity.Scopes.GenerationsRead];

    [Fact]
    public async Task An_anonymous_generation_runs_to_its_artifact()
    {
        var forecast = await world.SendAsync(Post, ApiRoutes.GenerationForecast, body: new { requirement = GenerationClient.Requirement });
        Assert.Equal(HttpStatusCode.OK, forecast.Status);

        var (id, accessToken) = await StartAsync(new { requirement = GenerationClient.Requirement });
        var view = await WaitForEndAsync(id, accessToken);
        Assert.Equal("completed", view.GetProperty("status").GetString());

        var artifact = await world.SendAsync(Get, Url(ApiRoutes.GenerationArtifact, id), accessToken);
        Assert.Equal(HttpStatusCode.OK, artifact.Status);
        Assert.Equal("application/zip", artifact.ContentType);

        var rated = await world.SendAsync(Put, Url(ApiRoutes.GenerationRating, id), accessToken, new { stars = 5, comment = "Good crew." });
        Assert.Equal(HttpStatusCode.OK, rated.Status);

        var cancelEnded = await world.SendAsync(Delete, Url(ApiRoutes.Generation, id), accessToken);
        Assert.Equal(HttpStatusCode.Conflict, cancelEnded.Status);
    }

    [Fact]
    public async Task A_generated_file_is_read_with_its_slashes_percent_encoded()
    {
        var (id, accessToken) = await StartAsync(new { requirement = GenerationClient.Requirement });
        var view = await WaitForEndAsync(id, accessToken);
        var path = view.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()!).First(p => p.Contains('/', StringComparison.Ordinal));

        var file = await world.SendAsync(Get, $"{Url(ApiRoutes.GenerationFile, id).Replace("{*path}", "", StringComparison.Ordinal)}{Uri.EscapeDataString(path)}", accessToken);

        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("text/plain", file.ContentType);
    }

    [Fact]
    public async Task Templates_and_clarification_chats_start_generations()
    {
        var gallery = await world.SendAsync(Get, ApiRoutes.Templates);
        Assert.Equal(HttpStatusCode.OK, gallery.Status);
        var templateId = gallery.Json.GetProperty("builtIn")[0].GetProperty("id").GetString()!;
        await StartAsync(new { templateId });

        var chat = await world.SendAsync(Post, ApiRoutes.Clarifications, body: new { requirement = GenerationClient.Requirement });
        Assert.Equal(HttpStatusCode.Created, chat.Status);
        var chatId = chat.Json.GetProperty("id").GetString()!;
        var chatToken = chat.Json.GetProperty("accessToken").GetString()!;
        var answered = await world.SendAsync(Post, Url(ApiRoutes.ClarificationMessages, chatId), chatToken, new { message = "About 200 e-mails a day, from Zendesk." });
        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Url(ApiRoutes.Clarification, chatId), chatToken)).Status);
        await StartAsync(new { clarificationId = chatId, clarificationToken = chatToken });
    }

    [Fact]
    public async Task A_signed_in_person_s_account_tokens_keys_and_usage()
    {
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.AuthConfig)).Status);
        var person = await world.SignInAsync("professional");

        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.Me, person)).Status);
        var (id, _) = await StartAsync(new { requirement = GenerationClient.Requirement }, person);
        await WaitForEndAsync(id, person);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.Generations + "?pageSize=5", person)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.MyDataExport, person)).Status);

        var created = await world.SendAsync(Post, ApiRoutes.Tokens, person, new { name = "CI", scopes = ReadScope, expiresInDays = 7 });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var apiToken = created.Json.GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.Tokens, person)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.Generations, apiToken)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.SendAsync(Get, ApiRoutes.ApiKeys, apiToken)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Delete, Url(ApiRoutes.Token, created.Json.GetProperty("id").GetString()!), person)).Status);

        var jwk = await world.SendAsync(Get, ApiRoutes.ApiKeysEncryptionKey);
        Assert.Equal(HttpStatusCode.OK, jwk.Status);
        var encryptedKey = await Jwe.EncryptForAsync(world.Direct, ProviderStandIn.ValidOpenAiKey);
        var openAi = ApiRoutes.ApiKey.Replace("{provider}", "openai", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Put, openAi, person, new { encryptedKey })).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.ApiKeys, person)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Post, ApiRoutes.ApiKeyTest.Replace("{provider}", "openai", StringComparison.Ordinal), person)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Delete, openAi, person)).Status);

        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.Usage, person)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.UsageHistory, person)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.UsageExport, person)).Status);

        var template = await world.SendAsync(Post, ApiRoutes.Templates, person, new { name = "Inbox triage", requirement = GenerationClient.Requirement });
        Assert.Equal(HttpStatusCode.Created, template.Status);
        var templateUrl = Url(ApiRoutes.Template, template.Json.GetProperty("id").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Put, templateUrl, person, new { name = "Inbox triage, v2", requirement = GenerationClient.Requirement })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Delete, templateUrl, person)).Status);

        var me = (await world.SendAsync(Get, ApiRoutes.Me, person)).Json;
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Delete, ApiRoutes.Me, person, new { confirmEmail = me.GetProperty("email").GetString() })).Status);
    }

    [Fact]
    public async Task Organisations_members_keys_branding_and_audit()
    {
        var owner = await world.SignInAsync("professional");
        var created = await world.SendAsync(Post, ApiRoutes.Orgs, owner, new { name = "Acme" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var orgId = created.Json.GetProperty("id").GetString()!;
        string Org(string route) => "/" + ApiRoutes.Prefix + "/" + route.Replace("{orgId}", orgId, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.Orgs, owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.Org), owner)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Patch, Org(ApiRoutes.Org), owner, new { name = "Acme Ltd" })).Status);

        var invitation = await world.SendAsync(Post, Org(ApiRoutes.OrgInvitations), owner, new { email = "member@example.com", role = "member" });
        Assert.Equal(HttpStatusCode.Created, invitation.Status);
        var member = await world.SignInAsync();
        var joined = await world.SendAsync(Post, ApiRoutes.InvitationAccept, member, new { token = invitation.Json.GetProperty("token").GetString() });
        Assert.Equal(HttpStatusCode.OK, joined.Status);
        var members = await world.SendAsync(Get, Org(ApiRoutes.OrgMembers), owner);
        Assert.Equal(HttpStatusCode.OK, members.Status);
        var ownerId = members.Json.GetProperty("items").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "owner").GetProperty("userId").GetString()!;
        var memberId = members.Json.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetString()!).Single(userId => userId != ownerId);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Put, Org(ApiRoutes.OrgMember).Replace("{userId}", memberId, StringComparison.Ordinal), owner, new { role = "auditor" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await world.SendAsync(Delete, Org(ApiRoutes.OrgMember).Replace("{userId}", ownerId, StringComparison.Ordinal), owner)).Status);

        var encryptedKey = await Jwe.EncryptForAsync(world.Direct, ProviderStandIn.ValidOpenAiKey);
        var orgKey = Org(ApiRoutes.OrgApiKey).Replace("{provider}", "openai", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Put, orgKey, owner, new { encryptedKey })).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgApiKeys), owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Post, orgKey + "/test", owner)).Status);
        var pending = await Jwe.EncryptForAsync(world.Direct, ProviderStandIn.ValidOpenAiKey);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Put, orgKey + "/pending", owner, new { encryptedKey = pending })).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Post, orgKey + "/rotate", owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgRotation), owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Put, Org(ApiRoutes.OrgRotation), owner, new { maxKeyAgeDays = 60 })).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Delete, orgKey, owner)).Status);

        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgBranding), member)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Put, Org(ApiRoutes.OrgBranding), owner, new { displayName = "Acme", primaryColor = "#0f766e" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgKeyVault), owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgUsage), owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgGenerations), owner)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgAudit) + "?action=key.set&from=2020-01-01T00:00:00Z", member)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgAuditExport), member)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, Org(ApiRoutes.OrgAuditVerify), member)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.SendAsync(Delete, Org(ApiRoutes.Org), member)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await world.SendAsync(Get, ApiRoutes.PlatformUsage, owner)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await world.SendAsync(Delete, Org(ApiRoutes.Org), owner)).Status);
    }

    [Fact]
    public async Task Billing_checkout_credit_and_webhook()
    {
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Get, ApiRoutes.BillingPlans)).Status);

        var checkout = await world.SendAsync(Post, ApiRoutes.BillingCheckout, body: new { mode = "generation", quantity = 2 });
        Assert.Equal(HttpStatusCode.OK, checkout.Status);
        var credit = checkout.Json.GetProperty("credit").GetString()!;
        Assert.Equal(200, await world.Stripe.CompleteCheckoutAsync(world.Stripe.SessionOfClaim(credit)));
        var lookedUp = await world.SendAsync(Post, ApiRoutes.BillingCreditLookup, body: new { credit });
        Assert.Equal(HttpStatusCode.OK, lookedUp.Status);
        Assert.Equal("paid", lookedUp.Json.GetProperty("state").GetString());

        var subscriber = await world.SignInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await world.SendAsync(Post, ApiRoutes.BillingPortal, subscriber)).Status);
        var subscribe = await world.SendAsync(Post, ApiRoutes.BillingCheckout, subscriber, new { plan = "basic" });
        Assert.Equal(HttpStatusCode.OK, subscribe.Status);
        Assert.Equal(200, await world.Stripe.CompleteCheckoutAsync(new Uri(subscribe.Json.GetProperty("url").GetString()!).Segments[^1]));
        Assert.Equal(HttpStatusCode.OK, (await world.SendAsync(Post, ApiRoutes.BillingPortal, subscriber)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.SendAsync(Post, ApiRoutes.BillingCheckout, body: new { plan = "basic" })).Status);

        var unsigned = await world.SendAsync(Post, ApiRoutes.BillingWebhook, body: new { id = "evt_1", type = "charge.refunded", created = 1, data = new { } },
            headers: new() { ["Stripe-Signature"] = "t=1,v1=00" });
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.Status);
    }

    [Fact]
    public async Task Each_error_status_is_one_the_document_gives()
    {
        var person = await world.SignInAsync();
        var answers = new List<(string Case, HttpStatusCode Expected, HttpStatusCode Actual)>();
        async Task Expect(string name, HttpStatusCode expected, Task<ContractResponse> call) => answers.Add((name, expected, (await call).Status));

        await Expect("400 a key not encrypted for this server", HttpStatusCode.BadRequest,
            world.SendAsync(Put, ApiRoutes.ApiKey.Replace("{provider}", "openai", StringComparison.Ordinal), person, new { encryptedKey = "not-a-jwe" }));
        await Expect("401 a bearer token that is not one", HttpStatusCode.Unauthorized, world.SendAsync(Get, ApiRoutes.Me, "not-a-token"));
        await Expect("401 a malformed JWT on an anonymous route", HttpStatusCode.Unauthorized,
            world.SendAsync(Post, ApiRoutes.Generations, "a.b.c", new { requirement = GenerationClient.Requirement }));
        await Expect("403 tokens on the free plan", HttpStatusCode.Forbidden,
            world.SendAsync(Post, ApiRoutes.Tokens, person, new { name = "CI", scopes = ReadScope }));
        await Expect("404 an unknown template", HttpStatusCode.NotFound, world.SendAsync(Post, ApiRoutes.Generations, person, new { templateId = "no-such-template" }));
        await Expect("404 an unknown parent", HttpStatusCode.NotFound,
            world.SendAsync(Post, ApiRoutes.Generations, person, new { parentId = "no-such-generation", instruction = "Add a reviewer." }));
        await Expect("404 an unknown chat", HttpStatusCode.NotFound, world.SendAsync(Post, ApiRoutes.Generations, person, new { clarificationId = "no-such-chat" }));
        await Expect("404 an unknown generation", HttpStatusCode.NotFound, world.SendAsync(Get, Url(ApiRoutes.Generation, "no-such-generation"), person));
        await Expect("404 an unknown credit", HttpStatusCode.NotFound, world.SendAsync(Post, ApiRoutes.BillingCreditLookup, body: new { credit = "cbc_nothing.x" }));
        await Expect("413 a body over 64 KiB", HttpStatusCode.RequestEntityTooLarge,
            world.SendAsync(Put, ApiRoutes.ApiKey.Replace("{provider}", "openai", StringComparison.Ordinal), person, new { encryptedKey = new string('x', RequestBody.MaxBytes) }));
        await Expect("422 more one-off generations than one purchase may buy", HttpStatusCode.UnprocessableEntity,
            world.SendAsync(Post, ApiRoutes.BillingCheckout, body: new { mode = "generation", quantity = 1000 }));
        await Expect("422 the wrong e-mail to delete an account", HttpStatusCode.UnprocessableEntity,
            world.SendAsync(Delete, ApiRoutes.Me, person, new { confirmEmail = "someone-else@example.com" }));
        await Expect("422 a saved key that does not exist", HttpStatusCode.UnprocessableEntity,
            world.SendAsync(Post, ApiRoutes.Generations, person, new { requirement = GenerationClient.Requirement, keySource = "saved" }));

        var address = new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.7" };
        ContractResponse limited;
        var attempts = 0;
        do
        {
            limited = await world.SendAsync(Get, ApiRoutes.Me, $"cb_{attempts}-not-issued", headers: address);
            attempts++;
        }
        while (limited.Status == HttpStatusCode.Unauthorized && attempts < 200);
        answers.Add(($"429 after {attempts} failed authentications from one address", HttpStatusCode.TooManyRequests, limited.Status));

        foreach (var (name, expected, actual) in answers)
        {
            output.WriteLine($"{name}: {(int)actual}");
        }

        Assert.All(answers, answer => Assert.True(answer.Expected == answer.Actual, $"{answer.Case}: {(int)answer.Actual}"));
    }

    [Fact]
    public async Task What_the_document_forbids_the_server_refuses_too()
    {
        var person = await world.SignInAsync();
        var cases = new (string Name, HttpMethod Method, string Route, string? Token, object Body, HttpStatusCode Server)[]
        {
            ("a requirement under the minimum", Post, ApiRoutes.Generations, null, new { requirement = "Too short." }, HttpStatusCode.UnprocessableEntity),
            ("a layout that is not one", Post, ApiRoutes.Generations, null, new { requirement = GenerationClient.Requirement, layout = "yaml" }, HttpStatusCode.UnprocessableEntity),
            ("a field the request does not name", Post, ApiRoutes.Generations, null, new { requirement = GenerationClient.Requirement, colour = "red" }, HttpStatusCode.BadRequest),
            ("six stars", Put, Url(ApiRoutes.GenerationRating, "any"), person, new { stars = 6 }, HttpStatusCode.UnprocessableEntity),
            ("a page of 101", Get, ApiRoutes.Generations + "?pageSize=101", person, null!, HttpStatusCode.UnprocessableEntity),
            ("both a plan and a mode", Post, ApiRoutes.BillingCheckout, null, new { plan = "basic", mode = "generation" }, HttpStatusCode.UnprocessableEntity),
            ("an unknown role", Post, ApiRoutes.OrgInvitations.Replace("{orgId}", "any", StringComparison.Ordinal), person, new { role = "boss" }, HttpStatusCode.UnprocessableEntity),
        };

        foreach (var (name, method, route, token, body, server) in cases)
        {
            var viaPrism = await world.SendUncheckedAsync(method, route, token, body);
            Assert.True(viaPrism.IsPrismError && viaPrism.Status == HttpStatusCode.UnprocessableEntity, $"{name}: the document allowed it ({(int)viaPrism.Status}) {viaPrism.Body}");
            var direct = await world.SendDirectAsync(method, route, token, body);
            Assert.True(direct.Status == server, $"{name}: the server answered {(int)direct.Status}, not {(int)server}");
        }

        var anonymous = await world.SendUncheckedAsync(Get, ApiRoutes.Me);
        Assert.True(anonymous.IsPrismError && anonymous.Status == HttpStatusCode.Unauthorized, $"no token: {anonymous.Body}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await world.SendDirectAsync(Get, ApiRoutes.Me)).Status);
    }

    private static string Url(string route, string id) => ApiRoutes.Url(route, id);

    private async Task<(string Id, string Bearer)> StartAsync(object body, string? token = null)
    {
        var accepted = await world.SendAsync(Post, ApiRoutes.Generations, token, body);
        Assert.True(accepted.Status == HttpStatusCode.Accepted, $"{(int)accepted.Status}: {accepted.Body}");
        var id = accepted.Json.GetProperty("id").GetString()!;
        return (id, token ?? accepted.Json.GetProperty("accessToken").GetString()!);
    }

    private async Task<System.Text.Json.JsonElement> WaitForEndAsync(string id, string token)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var view = await world.SendAsync(Get, Url(ApiRoutes.Generation, id), token);
            Assert.Equal(HttpStatusCode.OK, view.Status);
            if (view.Json.GetProperty("status").GetString() is "completed" or "failed" or "cancelled")
            {
                return view.Json;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"Generation {id} did not end: {view.Body}");
            await Task.Delay(250);
        }
    }
}
