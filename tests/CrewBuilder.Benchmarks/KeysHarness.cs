using System.Diagnostics;
using System.Text;
using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrewBuilder.Benchmarks;

/// <summary>Saved-key resolution with decryption, cipher throughput, and what a KEK rotation costs for many tenants.</summary>
internal static class KeysHarness
{
    public static async Task<string> RunAsync(AzuriteServer azurite, int rotationTenants)
    {
        var vault = Path.Combine(Path.GetTempPath(), "crewbuilder-bench-vault-" + Guid.NewGuid().ToString("N"));
        await using var provider = CoreHarness.Services(azurite, AzuriteServer.UniqueName("keys"), new Dictionary<string, string?> { ["KeyVault:LocalPath"] = vault });
        var saved = provider.GetRequiredService<SavedKeys>();

        const int tenants = 100;
        for (var i = 0; i < tenants; i++)
        {
            await saved.SaveAsync($"bench-{i}", Providers.OpenAi, $"sk-proj-bench-key-{i:D6}-000000000000", CancellationToken.None);
        }

        var times = new List<double>();
        const int warmUp = 10_000, measured = 5000;
        for (var i = 0; i < warmUp + measured; i++)
        {
            var clock = Stopwatch.GetTimestamp();
            _ = await saved.RevealAsync($"bench-{i % tenants}", Providers.OpenAi, CancellationToken.None);
            if (i >= warmUp)
            {
                times.Add(Stopwatch.GetElapsedTime(clock).TotalMilliseconds);
            }
        }

        times.Sort();
        var (encryptPerSecond, decryptPerSecond) = CipherThroughput();

        for (var i = 0; i < rotationTenants; i += 50)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(50, rotationTenants - i)).Select(n =>
                provider.GetRequiredService<DataKeys>().ForTenantAsync($"rotation-{n}", CancellationToken.None)));
        }

        var rotation = Stopwatch.StartNew();
        var rewrapped = await provider.GetRequiredService<KekRotation>().RotateAsync(CancellationToken.None);
        rotation.Stop();
        Directory.Delete(vault, recursive: true);

        return new StringBuilder()
            .AppendLine("| keys | value |")
            .AppendLine("|---|---|")
            .AppendLine($"| saved key resolution + decryption (table read, warm KEK/DEK cache), p50 / p99 of {times.Count} after {warmUp} to warm up | {times[times.Count / 2]:F3} ms / {times[(int)(times.Count * 0.99)]:F3} ms |")
            .AppendLine($"| AES-256-GCM seal of a provider key, in memory | {encryptPerSecond:N0} per second |")
            .AppendLine($"| AES-256-GCM open of a provider key, in memory | {decryptPerSecond:N0} per second |")
            .AppendLine($"| KEK rotation: new version + re-wrap of {rewrapped:N0} tenant data keys | {rotation.Elapsed.TotalSeconds:F1} s ({rotation.Elapsed.TotalMilliseconds / Math.Max(1, rewrapped):F2} ms per tenant) |")
            .ToString();
    }

    private static (double Encrypt, double Decrypt) CipherThroughput()
    {
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var plaintext = Encoding.UTF8.GetBytes("sk-proj-" + "0123456789abcdefghijklmnopqrstuvwxyz0123456789");
        var binding = Encoding.UTF8.GetBytes("crewbuilder-provider-key\ntenant\nopenai\nkey");
        const int runs = 200_000;
        var sealedBytes = Array.Empty<byte>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            sealedBytes = AesGcmEnvelope.Seal(key, plaintext, binding);
        }

        var encrypt = runs / clock.Elapsed.TotalSeconds;
        clock.Restart();
        for (var i = 0; i < runs; i++)
        {
            _ = AesGcmEnvelope.Open(key, sealedBytes, binding);
        }

        return (encrypt, runs / clock.Elapsed.TotalSeconds);
    }
}
