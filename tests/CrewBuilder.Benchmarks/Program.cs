using CrewBuilder.Benchmarks;

// Measures, in one run: the template generator's own work against the same generation through the durable
// workflow of the self-host, the self-host's start time and working set, authentication overhead, and saved-key
// resolution, cipher throughput and KEK rotation cost, quota reserve + commit throughput, and audit log append and verify;
// with --scale-out, 100 generations through two self-hosts on one task hub, one killed mid-way; with --accept, how fast POST /api/generations accepts one; with --pipeline, the scripted requirements one after another against side by side, and the generation workflow with a
// stand-in model against the bare durable engine. Ratios, not absolute figures, compare across machines.
using CrewBuilder.Tests.Support;

var options = HarnessOptions.Parse(args);
using var azurite = AzuriteServer.Start();
if (args.Contains("--pipeline"))
{
    Console.WriteLine(await CriticalPathHarness.RunAsync(options, azurite));
    if (!args.Contains("--critical-path-only"))
    {
        Console.WriteLine(await PipelineHarness.RunAsync(options, azurite));
    }

    return;
}

if (args.Contains("--scale-out"))
{
    Console.WriteLine(await ScaleOutHarness.RunAsync(azurite, options.Partitions));
    return;
}

if (args.Contains("--accept"))
{
    Console.WriteLine(await AcceptHarness.RunAsync(azurite));
    return;
}

if (args.Contains("--keys"))
{
    Console.WriteLine(await KeysHarness.RunAsync(azurite, options.RotationTenants));
    return;
}

if (!options.QuotaAndAuditOnly)
{
    Console.WriteLine(await OrchestrationOverheadHarness.RunAsync(options, azurite));
    Console.WriteLine(await AuthOverheadHarness.RunAsync(azurite));
    Console.WriteLine(await KeysHarness.RunAsync(azurite, options.RotationTenants));
}

Console.WriteLine(await QuotaHarness.RunAsync(azurite, options.QuotaOperations));
Console.WriteLine(await AuditHarness.RunAsync(azurite, options.AuditAppends, options.AuditChainLength));
