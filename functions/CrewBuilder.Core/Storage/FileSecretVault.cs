using System.Security.Cryptography;
using System.Text.Json;

namespace CrewBuilder.Core.Storage;

/// <summary>
/// The local stand-in for Key Vault on a developer's machine: one JSON file per secret holding all its
/// versions, written atomically (temporary file, then rename) and readable only by the owner.
/// </summary>
public sealed class FileSecretVault(string folder, TimeProvider time) : ISecretVault, IDisposable
{
    private readonly SemaphoreSlim writes = new(1, 1);

    public async Task<VaultSecret?> GetAsync(string name, string? version, CancellationToken cancellationToken)
    {
        var versions = await ReadAsync(name, cancellationToken);
        var match = version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => v.Version == version);
        return match is null ? null : new VaultSecret(name, match.Version, match.Value);
    }

    public async Task<VaultSecret> SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        await writes.WaitAsync(cancellationToken);
        try
        {
            var versions = await ReadAsync(name, cancellationToken);
            var added = new StoredVersion(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), value, time.GetUtcNow());
            versions.Add(added);
            Directory.CreateDirectory(folder);
            var path = PathOf(name);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(versions), cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
            return new VaultSecret(name, added.Version, value);
        }
        finally
        {
            writes.Release();
        }
    }

    private async Task<List<StoredVersion>> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        return File.Exists(path)
            ? JsonSerializer.Deserialize<List<StoredVersion>>(await File.ReadAllTextAsync(path, cancellationToken)) ?? []
            : [];
    }

    public void Dispose() => writes.Dispose();

    private string PathOf(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? Path.Combine(folder, name + ".json")
            : throw new ArgumentException("Secret names are letters, digits and dashes, as in Key Vault.", nameof(name));

    private sealed record StoredVersion(string Version, string Value, DateTimeOffset CreatedAt);
}
