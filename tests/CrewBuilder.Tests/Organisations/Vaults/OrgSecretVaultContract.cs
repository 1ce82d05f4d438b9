using CrewBuilder.Core.Organisations;

namespace CrewBuilder.Tests.Organisations.Vaults;

/// <summary>
/// What every kind of organisation vault must do, run against each kind's loopback stand-in through CrewBuilder's real
/// client for it: the access check tells granted, refused and unreachable apart, and a key set in a slot is held by
/// the vault itself, read back, replaced, kept apart from other slots, and deleted.
/// </summary>
public abstract class OrgSecretVaultContract
{
    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A vault whose policy lets CrewBuilder write, read and delete under its keys' place.</summary>
    protected abstract Task<IOrgSecretVault> GrantedAsync();

    /// <summary>A vault that answers but refuses CrewBuilder.</summary>
    protected abstract Task<IOrgSecretVault> RefusingAsync();

    /// <summary>A vault address nothing listens on.</summary>
    protected abstract Task<IOrgSecretVault> UnreachableAsync();

    /// <summary>The key the slot holds, as the vault's side sees it (not through CrewBuilder's client); null when none.</summary>
    protected abstract string? HeldByVault(string slot);

    [Fact]
    public async Task Access_is_granted_where_the_vault_lets_CrewBuilder_write_and_read()
    {
        Assert.Equal(VaultAccess.Granted, await (await GrantedAsync()).CheckAccessAsync(None));
    }

    [Fact]
    public async Task Access_is_refused_where_the_vault_denies_CrewBuilder()
    {
        var vault = await RefusingAsync();
        Assert.Equal(VaultAccess.Refused, await vault.CheckAccessAsync(None));
        Assert.Contains("then try again", vault.Advice(VaultAccess.Refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vault_nothing_answers_at_is_unreachable()
    {
        var vault = await UnreachableAsync();
        Assert.Equal(VaultAccess.Unreachable, await vault.CheckAccessAsync(None));
        Assert.Contains("could not reach", vault.Advice(VaultAccess.Unreachable), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_set_is_held_by_the_vault_itself_and_read_back()
    {
        var vault = await GrantedAsync();
        await vault.SetAsync("openai", "sk-contract-0001", None);
        Assert.Equal("sk-contract-0001", HeldByVault("openai"));
        Assert.Equal("sk-contract-0001", await vault.GetAsync("openai", None));
    }

    [Fact]
    public async Task Setting_a_slot_again_replaces_its_key_and_staged_slots_are_kept_apart()
    {
        var vault = await GrantedAsync();
        await vault.SetAsync("anthropic", "sk-ant-first", None);
        await vault.SetAsync("anthropic", "sk-ant-second", None);
        await vault.SetAsync("anthropic~pending", "sk-ant-staged", None);
        Assert.Equal(("sk-ant-second", "sk-ant-staged"), (await vault.GetAsync("anthropic", None), await vault.GetAsync("anthropic~pending", None)));
        Assert.Equal("sk-ant-staged", HeldByVault("anthropic~pending"));
    }

    [Fact]
    public async Task A_slot_never_set_reads_as_none_and_deleting_it_is_harmless()
    {
        var vault = await GrantedAsync();
        Assert.Null(await vault.GetAsync("never-set", None));
        await vault.DeleteAsync("never-set", None);
        Assert.Null(await vault.GetAsync("never-set", None));
    }

    [Fact]
    public async Task A_deleted_key_is_gone_from_the_vault()
    {
        var vault = await GrantedAsync();
        await vault.SetAsync("openai~previous", "sk-contract-old", None);
        await vault.DeleteAsync("openai~previous", None);
        Assert.Null(HeldByVault("openai~previous"));
        Assert.Null(await vault.GetAsync("openai~previous", None));
    }
}
