using System.Text.Json;

namespace CrewBuilder.Cli;

/// <summary>A personal API token and the server it is for, as <c>crewbuilder login</c> stored it.</summary>
public sealed record Login(string BaseUrl, string Token);

/// <summary>Keeps the login in the per-user config directory, readable by its owner only (0600 outside Windows).</summary>
public sealed class LoginStore(CliEnvironment environment)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string FilePath => Path.Combine(environment.ConfigDirectory, "credentials.json");

    public Login? Read() => File.Exists(FilePath) ? JsonSerializer.Deserialize<Login>(File.ReadAllText(FilePath), CliJson.Options) : null;

    public void Save(Login login)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(environment.ConfigDirectory);
        }
        else
        {
            Directory.CreateDirectory(environment.ConfigDirectory, OwnerOnly | UnixFileMode.UserExecute);
            options.UnixCreateMode = OwnerOnly;
            if (File.Exists(FilePath))
            {
                File.SetUnixFileMode(FilePath, OwnerOnly); // before the token is written, should an older file be wider
            }
        }

        using var file = new FileStream(FilePath, options);
        JsonSerializer.Serialize(file, login, CliJson.Options);
    }
}
