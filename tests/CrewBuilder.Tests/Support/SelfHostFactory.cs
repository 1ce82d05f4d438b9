using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CrewBuilder.Tests.Support;

/// <summary>The self-host in-process against the shared Azurite, with its own tables, container and task hub.</summary>
public sealed class SelfHostFactory : WebApplicationFactory<Program>
{
    public string StoragePrefix { get; } = AzuriteServer.UniqueName("p");

    /// <summary>Holds each template step open this long, for tests that look at a generation mid-way.</summary>
    public TimeSpan TemplateStepDelay { get; init; } = TimeSpan.Zero;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", AzuriteServer.Instance.ConnectionString);
        builder.UseSetting("Storage:Prefix", StoragePrefix);
        builder.UseSetting("Durable:TaskHub", AzuriteServer.UniqueName("hub"));
        builder.UseSetting("Generation:TemplateStepDelay", TemplateStepDelay.ToString());
    }
}
