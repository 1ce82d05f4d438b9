using CrewBuilder.Tests.Support;
using Microsoft.Playwright;

namespace CrewBuilder.E2E;

/// <summary>The production sign-in path (authorization code with PKCE) against a loopback OIDC issuer.</summary>
public sealed class OidcSignInTests(OidcSignInTests.World world) : BrowserTest<OidcSignInTests.World>(world)
{
    /// <summary>The host signs people in through the loopback issuer.</summary>
    public sealed class World : BrowserWorld
    {
        private OidcIssuer Issuer { get; } = new();

        protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
        {
            ["Auth__Authority"] = Issuer.Authority,
            ["Auth__Audience"] = OidcIssuer.Audience,
            ["Auth__ClientId"] = "crewbuilder-spa",
            ["Auth__Scope"] = $"{OidcIssuer.Audience}/access",
            ["Auth__RequireHttpsMetadata"] = "false",
        };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Issuer.Dispose();
        }
    }

    [Fact]
    public async Task A_person_signs_in_through_the_issuer_and_lands_on_their_account()
    {
        var page = await NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") { consoleErrors.Add(message.Text); } };

        await page.GotoAsync("/signin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Development sign-in" })).ToBeHiddenAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#profile-email")).ToHaveTextAsync("pat@example.com");
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
        Assert.Empty(consoleErrors);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}
