using System.Text.RegularExpressions;

namespace CrewBuilder.Core.Organisations;

/// <summary>
/// An organisation's HashiCorp Vault as its admins give it: the address, an Enterprise namespace (optional), the KV v2
/// mount (default <c>secret</c>) and path prefix (default <c>org/{orgId}/api_keys</c>), and AppRole (<paramref name="RoleId"/>
/// with the secret id) or token auth. <paramref name="EncryptedSecret"/> is the secret id or token, encrypted in the
/// browser for CrewBuilder's transport key like a provider key.
/// </summary>
public sealed partial record HashiCorpVaultRequest(
    Uri? Address, string? Namespace, string? Mount, string? PathPrefix, string? Auth, string? RoleId, string? EncryptedSecret)
{
    public const string DefaultMount = "secret";
    public const string AppRoleAuth = "approle";
    public const string TokenAuth = "token";
    private const int MaxPathLength = 200;

    public HashiCorpAuth AuthMethod() => Auth == TokenAuth ? HashiCorpAuth.Token : HashiCorpAuth.AppRole;

    public string MountOrDefault() => string.IsNullOrWhiteSpace(Mount) ? DefaultMount : Mount.Trim().Trim('/');

    public string PathPrefixFor(string orgId) => string.IsNullOrWhiteSpace(PathPrefix) ? $"org/{orgId}/api_keys" : PathPrefix.Trim().Trim('/');

    public Dictionary<string, string[]> Validate()
    {
        var problems = new Dictionary<string, string[]>();
        if (Address is null)
        {
            problems["hashiCorpVault.address"] = ["Give your Vault's address, e.g. https://vault.acme.com:8200/."];
        }

        foreach (var (field, value, example) in new[] { ("namespace", Namespace, "admin/acme"), ("mount", Mount, "secret"), ("pathPrefix", PathPrefix, "org/acme/api_keys") })
        {
            if (!string.IsNullOrWhiteSpace(value) && !IsVaultPath(value.Trim().Trim('/')))
            {
                problems[$"hashiCorpVault.{field}"] = [$"Use letters, digits, '-', '_' and '.' in segments separated by '/', at most {MaxPathLength} characters, e.g. {example}."];
            }
        }

        if (Auth is not (null or AppRoleAuth or TokenAuth))
        {
            problems["hashiCorpVault.auth"] = ["Choose \"approle\" (a role id and secret id) or \"token\"."];
        }
        else if (AuthMethod() == HashiCorpAuth.AppRole && (string.IsNullOrWhiteSpace(RoleId) || RoleId.Length > MaxPathLength || RoleId.Any(char.IsControl)))
        {
            problems["hashiCorpVault.roleId"] = ["Give the AppRole's role id (vault read auth/approle/role/<name>/role-id)."];
        }

        if (string.IsNullOrEmpty(EncryptedSecret))
        {
            problems["hashiCorpVault.encryptedSecret"] = [AuthMethod() == HashiCorpAuth.AppRole
                ? "Give a secret id of the AppRole (vault write -f auth/approle/role/<name>/secret-id), encrypted like a key."
                : "Give the Vault token, encrypted like a key."];
        }

        return problems;
    }

    private static bool IsVaultPath(string path) => path.Length <= MaxPathLength && !path.Split('/').Contains("..") && VaultPath().IsMatch(path);

    [GeneratedRegex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    private static partial Regex VaultPath();
}

/// <summary>An organisation's HashiCorp Vault as its admins see it again: never the secret id or token.</summary>
public sealed record HashiCorpVaultView(Uri Address, string? Namespace, string Mount, string PathPrefix, string Auth, string? RoleId)
{
    public static HashiCorpVaultView Of(HashiCorpVaultLocation vault) => new(vault.Address, vault.Namespace, vault.Mount, vault.PathPrefix,
        vault.Auth == HashiCorpAuth.Token ? HashiCorpVaultRequest.TokenAuth : HashiCorpVaultRequest.AppRoleAuth, vault.RoleId);
}
