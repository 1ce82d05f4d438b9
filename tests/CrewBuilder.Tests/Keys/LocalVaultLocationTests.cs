using CrewBuilder.Core.Keys;
using CrewBuilder.Tests.Support;

namespace CrewBuilder.Tests.Keys;

public sealed class LocalVaultLocationTests
{
    [Fact]
    public void The_local_vault_defaults_to_a_per_user_folder_outside_the_repository_and_any_app_folder()
    {
        var path = new KeyVaultOptions().LocalPath;

        Assert.True(Path.IsPathRooted(path), $"{path} would resolve against the working directory, the Functions app's script root under func start.");
        Assert.False(IsUnder(path, RepositoryPaths.Root), path);
        Assert.False(IsUnder(path, AppContext.BaseDirectory), path);
        Assert.False(IsUnder(path, Directory.GetCurrentDirectory()), path);
    }

    private static bool IsUnder(string path, string folder) =>
        Path.GetFullPath(path).StartsWith(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
