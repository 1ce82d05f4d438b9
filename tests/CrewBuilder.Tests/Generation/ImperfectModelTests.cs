using System.IO.Compression;
using CrewBuilder.Core.Generation;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Generation;

/// <summary>
/// Answers as a competent but careless model gives them (Generation/Scripts/payout-digest-imperfect.json): names spelled
/// one way where defined and another where referenced, entries repeated, variables quoted, an SMTP e-mail tool. Each is
/// read as meant, on the first answer, and the project passes the review.
/// </summary>
public sealed class ImperfectModelTests(LlmWorld world) : IClassFixture<LlmWorld>
{
    [Fact]
    public async Task Careless_but_meaningful_answers_become_a_project_without_asking_again()
    {
        var script = ModelScripts.Imperfect;
        var client = new GenerationClient(world.Http);

        var done = await client.WaitForCompletionAsync((await client.StartAsync(script.Requirement)).Id);

        Assert.True(done.Status == GenerationStatus.Completed, done.Error);
        // Each step, or each part of a step asked in parts (one system to assess, two tools' bodies), was asked once.
        var asked = world.Providers.CompletionBodies.Where(body => body.Contains(script.Marker, StringComparison.Ordinal))
            .Select(body => (Step: ModelScripts.StepOf(body), ModelScripts.AskedOf(body)?.Part)).ToList();
        foreach (var step in new[] { "analyse", "feasibility", "design-agents", "design-tasks", "write-code" })
        {
            var parts = asked.Where(call => call.Step == step).ToList();
            Assert.Equal(step == "write-code" ? 2 : 1, parts.Count);
            Assert.Equal(parts.Count, parts.Distinct().Count());
        }

        var files = await FilesOf(client, done.Id);
        Assert.Contains("payout_digest_crew/", files.Keys.First(), StringComparison.Ordinal); // not payout_digest_crew_crew
        var crew = files.Single(file => file.Key.EndsWith("src/payout_digest_crew/crew.py", StringComparison.Ordinal)).Value;
        Assert.Contains("StripePayoutsTool()", crew, StringComparison.Ordinal);
        Assert.Contains("EmailSenderTool()", crew, StringComparison.Ordinal);
        var payouts = files.Single(file => file.Key.EndsWith("tools/stripe_payouts.py", StringComparison.Ordinal)).Value;
        Assert.Contains("/v1/payouts?", payouts, StringComparison.Ordinal); // the later body listed for the tool is the revision
        var email = files.Single(file => file.Key.EndsWith("tools/email_sender.py", StringComparison.Ordinal)).Value;
        Assert.Contains("smtplib.SMTP(host, port", email, StringComparison.Ordinal);
        Assert.Contains("os.environ[\"SMTP_HOST\"]", email, StringComparison.Ordinal);
        var tasks = files.Single(file => file.Key.EndsWith("config/tasks.yaml", StringComparison.Ordinal)).Value;
        Assert.Equal(1, CountOf(tasks, "total_payouts:"));
        Assert.Contains("agent: payouts_analyst", tasks, StringComparison.Ordinal);
        Assert.Contains("agent: digest_writer", tasks, StringComparison.Ordinal);
        var environment = files.Single(file => file.Key.EndsWith(".env.example", StringComparison.Ordinal)).Value;
        Assert.Contains("\nSTRIPE_API_URL=https://api.stripe.com\n", environment, StringComparison.Ordinal); // the API's documented base URL, from feasibility
        Assert.DoesNotContain("`", environment, StringComparison.Ordinal);
        Assert.Contains("\nSMTP_HOST=", environment, StringComparison.Ordinal);
        Assert.DoesNotContain("❌", files.Single(file => file.Key.EndsWith("REVIEW.md", StringComparison.Ordinal)).Value, StringComparison.Ordinal);
        var project = new GeneratedProject("payout_digest_crew", [.. files.Select(file => new ProjectFile(file.Key[(file.Key.IndexOf('/', StringComparison.Ordinal) + 1)..], file.Value))]);
        GeneratedPython.AssertCompiles(project);
        GeneratedPython.AssertToolTestsPass(project);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<Dictionary<string, string>> FilesOf(GenerationClient client, string id)
    {
        using var zip = new ZipArchive(await client.DownloadAsync(id));
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }
}
