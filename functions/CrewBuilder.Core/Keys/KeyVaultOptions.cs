namespace CrewBuilder.Core.Keys;

public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>The Azure Key Vault (<c>KeyVault__Uri</c>); when absent, secrets live in a file vault under <see cref="LocalPath"/>.</summary>
    public Uri? Uri { get; set; }

    /// <summary>
    /// By default a per-user folder, never the working directory: the Functions host runs the app from its script root
    /// and restarts whenever a file appears there.
    /// </summary>
    public string LocalPath { get; set; } = DefaultLocalPath;

    public static string DefaultLocalPath { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "CrewBuilder", "vault");
}
