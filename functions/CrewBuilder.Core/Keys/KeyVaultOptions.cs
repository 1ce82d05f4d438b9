namespace CrewBuilder.Core.Keys;

public sealed class KeyVaultOptions
{
    public const string Section = "KeyVault";

    /// <summary>The Azure Key Vault (<c>KeyVault__Uri</c>); when absent, secrets live in a file vault under <see cref="LocalPath"/>.</summary>
    public Uri? Uri { get; set; }

    public string LocalPath { get; set; } = Path.Combine(".data", "vault");
}
