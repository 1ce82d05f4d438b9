using System.Reflection;
using System.Xml.Linq;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;

namespace CrewBuilder.FunctionsHost.Tests;

/// <summary>
/// host.json read as the Durable Task extension reads it when the Functions host starts: its section bound to the
/// extension's own options, the storage provider's settings copied into <see cref="AzureStorageOptions"/> the way the
/// extension's storage provider factory does, and both run through the extension's own validation. A value the real
/// host would refuse at start (and then retry forever, answering 503) fails here.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void The_durable_task_settings_in_host_json_pass_the_extensions_own_validation()
    {
        var (options, storage) = Bind(File.ReadAllText(Path.Combine(Root, "host.json")));

        Validate(options, storage);

        Assert.Equal("crewbuilder", options.HubName);
        // Read under the name the extension knows: a misspelt key would leave the 30 s default off Flex Consumption.
        Assert.Equal(TimeSpan.FromSeconds(1), storage.MaxQueuePollingInterval);
    }

    [Theory]
    [InlineData("controlQueueVisibilityTimeout", "00:00:30")]
    [InlineData("controlQueueVisibilityTimeout", "02:00:00")]
    [InlineData("partitionCount", "17")]
    [InlineData("maxQueuePollingInterval", "-00:00:01")]
    public void A_value_the_host_refuses_fails_the_same_check(string setting, string value)
    {
        var hostJson = $$"""{ "version": "2.0", "extensions": { "durableTask": { "hubName": "crewbuilder", "storageProvider": { "{{setting}}": "{{value}}" } } } }""";
        var (options, storage) = Bind(hostJson);

        Assert.ThrowsAny<Exception>(() => Validate(options, storage));
    }

    [Fact]
    public void The_extension_checked_here_is_the_version_the_functions_worker_gives_the_host()
    {
        var generated = Directory.GetFiles(Path.Combine(Root, "functions", "CrewBuilder.Functions", "obj"), "WorkerExtensions.csproj", SearchOption.AllDirectories);
        Assert.NotEmpty(generated);
        var shipped = XDocument.Load(generated[0]).Descendants("PackageReference")
            .Single(reference => (string?)reference.Attribute("Include") == "Microsoft.Azure.WebJobs.Extensions.DurableTask")
            .Attribute("Version")!.Value;

        var checkedHere = typeof(DurableTaskOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

        Assert.Equal(shipped, checkedHere);
    }

    private static (DurableTaskOptions Options, AzureStorageOptions Storage) Bind(string hostJson)
    {
        using var json = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(hostJson));
        var configuration = new ConfigurationBuilder().AddJsonStream(json).Build();
        var options = new DurableTaskOptions();
        configuration.GetSection("extensions:durableTask").Bind(options);
        var storage = new AzureStorageOptions();
        JsonConvert.PopulateObject(JsonConvert.SerializeObject(options.StorageProvider), storage);
        return (options, storage);
    }

    private static void Validate(DurableTaskOptions options, AzureStorageOptions storage)
    {
        storage.Validate(NullLogger.Instance);
        storage.ValidateHubName(options.HubName);

        // DurableTaskOptions.Validate is internal to the extension; the host calls it on start.
        var validate = typeof(DurableTaskOptions).GetMethod("Validate", BindingFlags.Instance | BindingFlags.NonPublic, [typeof(INameResolver)])
            ?? throw new MissingMethodException("DurableTaskOptions.Validate(INameResolver) is gone: read the extension's start-up validation again.");
        try
        {
            validate.Invoke(options, [new NoAppSettings()]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrewBuilder.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (CrewBuilder.sln) is not above the test's folder.");
    }

    private sealed class NoAppSettings : INameResolver
    {
        public string? Resolve(string name) => null;
    }
}
