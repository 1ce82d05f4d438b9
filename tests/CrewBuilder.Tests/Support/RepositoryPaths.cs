namespace CrewBuilder.Tests.Support;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The build output folder of one of the repository's projects, in the configuration the tests were built in.</summary>
    public static string BuildOutput(string projectFolder) =>
        Of(projectFolder, "bin", Configuration, "net10.0");

    private static string Configuration =>
        new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CrewBuilder.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the CrewBuilder repository.");
    }
}
