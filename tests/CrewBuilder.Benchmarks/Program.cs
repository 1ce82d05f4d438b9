using CrewBuilder.Benchmarks;

// Measures, in one run: the template generator's own work, the same generation through the durable
// workflow of the self-host, and the self-host's start time and working set. Ratios, not absolute
// figures, are what compare across machines.
using CrewBuilder.Tests.Support;

var options = HarnessOptions.Parse(args);
using var azurite = AzuriteServer.Start();
Console.WriteLine(await OrchestrationOverheadHarness.RunAsync(options, azurite));
Console.WriteLine(await AuthOverheadHarness.RunAsync(azurite));
