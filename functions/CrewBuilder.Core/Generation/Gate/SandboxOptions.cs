namespace CrewBuilder.Core.Generation.Gate;

/// <summary>Where the runnable gate runs: an Azure Container Apps session pool when its endpoint is set, else a local python3.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    /// <summary>The session pool's management endpoint (https://&lt;pool&gt;.&lt;environment&gt;.&lt;region&gt;.azurecontainerapps.io).</summary>
    public string? PoolEndpoint { get; set; }

    /// <summary>Whether a session pool is configured (an empty setting, as the Bicep leaves it without one, is none).</summary>
    public bool UsesSessionPool => !string.IsNullOrWhiteSpace(PoolEndpoint);

    /// <summary>The python3 the local gate runs; absent: the first python3 on PATH.</summary>
    public string? Python { get; set; }

    /// <summary>Folders put before the project on the local gate's PYTHONPATH (the tests' stand-in crewai).</summary>
    public string? PythonPath { get; set; }

    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMinutes(3);
}
