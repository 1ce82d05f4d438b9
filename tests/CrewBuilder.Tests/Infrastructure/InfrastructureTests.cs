using System.Text.Json.Nodes;
using CrewBuilder.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace CrewBuilder.Tests.Infrastructure;

public sealed class InfrastructureTests(BicepTemplate bicep) : IClassFixture<BicepTemplate>
{
    private static readonly string[] ForbiddenRoles =
    [
        "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", // Owner
        "b24988ac-6180-42a0-ab88-20f7382dd24c", // Contributor
        "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", // User Access Administrator
    ];

    private static readonly string[] SecretSettings =
        ["Stripe__SecretKey", "Stripe__WebhookSecret", "Platform__OpenAiApiKey", "Platform__AnthropicApiKey"];

    [Fact]
    public void Bicep_builds_and_lints_with_no_errors_and_no_warnings()
    {
        Assert.True(bicep.BuildExitCode == 0, bicep.BuildOutput);
        Assert.True(string.IsNullOrWhiteSpace(bicep.BuildOutput), bicep.BuildOutput);
        Assert.True(bicep.LintExitCode == 0, bicep.LintOutput);
        Assert.True(string.IsNullOrWhiteSpace(bicep.LintOutput), bicep.LintOutput);
    }

    [Fact]
    public void Storage_refuses_shared_keys_and_no_setting_carries_an_account_key()
    {
        var account = Assert.Single(bicep.Resources("Microsoft.Storage/storageAccounts"));
        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", (string?)account["properties"]!["minimumTlsVersion"]);
        Assert.True(account["properties"]!["supportsHttpsTrafficOnly"]!.GetValue<bool>());

        var template = bicep.Template!.ToJsonString();
        Assert.DoesNotContain("listKeys", template, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", template, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Audit_checkpoints_sit_in_their_own_container_under_a_time_based_immutability_policy()
    {
        var policy = Assert.Single(bicep.Resources("Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"))["properties"]!;

        Assert.False(policy["allowProtectedAppendWrites"]!.GetValue<bool>());
        Assert.Contains("auditRetentionDays", policy["immutabilityPeriodSinceCreationInDays"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains(bicep.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"),
            container => container["name"]!.ToString().Contains($"'{Core.Organisations.AuditCheckpointStore.ContainerName}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_vault_uses_rbac_with_soft_delete_and_purge_protection()
    {
        var vault = Assert.Single(bicep.Resources("Microsoft.KeyVault/vaults"))["properties"]!;

        Assert.True(vault["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.True(vault["enableSoftDelete"]!.GetValue<bool>());
        Assert.True(vault["enablePurgeProtection"]!.GetValue<bool>());
        Assert.Null(vault["accessPolicies"]);
    }

    [Fact]
    public void Function_apps_are_https_only_with_tls_1_2_on_flex_consumption_as_a_user_assigned_identity()
    {
        var apps = bicep.Resources("Microsoft.Web/sites").ToList();
        Assert.NotEmpty(apps);
        Assert.All(apps, app =>
        {
            Assert.True(app["properties"]!["httpsOnly"]!.GetValue<bool>());
            Assert.Equal("1.2", (string?)app["properties"]!["siteConfig"]!["minTlsVersion"]);
            Assert.Equal("UserAssigned", (string?)app["identity"]!["type"]);
            Assert.Equal("dotnet-isolated", (string?)app["properties"]!["functionAppConfig"]!["runtime"]!["name"]);
        });
        Assert.All(bicep.Resources("Microsoft.Web/serverfarms"), plan => Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]));
    }

    [Fact]
    public void Storage_is_reached_by_managed_identity_and_secrets_are_key_vault_references()
    {
        var apps = bicep.Resources("Microsoft.Web/sites").ToList();

        Assert.NotEmpty(apps);
        Assert.All(apps, app =>
        {
            var settings = AppSettings(app);
            Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
            Assert.Contains("AzureWebJobsStorage__accountName", settings.Keys);
            Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
            foreach (var secret in SecretSettings)
            {
                Assert.Contains("@Microsoft.KeyVault(VaultName=", settings[secret], StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void No_role_assignment_grants_owner_contributor_or_user_access_administrator()
    {
        var assignments = bicep.Resources("Microsoft.Authorization/roleAssignments").ToList();

        Assert.NotEmpty(assignments);
        Assert.All(assignments, assignment =>
        {
            var role = (string?)assignment["properties"]!["roleDefinitionId"] ?? "";
            Assert.DoesNotContain(ForbiddenRoles, forbidden => role.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
        });
    }

    [Fact]
    public void The_gates_session_pool_runs_custom_containers_without_egress_and_only_the_apps_identity_may_execute_sessions()
    {
        var pool = Assert.Single(bicep.Resources("Microsoft.App/sessionPools"));
        var properties = pool["properties"]!;

        Assert.Equal(("CustomContainer", "Dynamic", "EgressDisabled"),
            ((string?)properties["containerType"], (string?)properties["poolManagementType"], (string?)properties["sessionNetworkConfiguration"]!["status"]));
        Assert.Equal(8080, (int)properties["customContainerTemplate"]!["ingress"]!["targetPort"]!);
        var template = bicep.Template!.ToJsonString();
        Assert.Contains("0fb8eba5-a2bb-4abe-b1c1-49dfad359bb0", template, StringComparison.Ordinal); // Azure ContainerApps Session Executor
        Assert.Contains("Sandbox__PoolEndpoint", template, StringComparison.Ordinal);
    }

    [Fact]
    public void Static_web_app_is_standard_with_the_function_app_linked_as_its_backend()
    {
        var site = Assert.Single(bicep.Resources("Microsoft.Web/staticSites"));

        Assert.Equal("Standard", (string?)site["sku"]!["name"]);
        Assert.Single(bicep.Resources("Microsoft.Web/staticSites/linkedBackends"));
    }

    [Fact]
    public void Azd_project_names_the_function_app_and_the_static_web_app_and_their_folders_exist()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(RepositoryPaths.Of("azure.yaml"))));
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];

        var api = (YamlMappingNode)services["api"];
        var web = (YamlMappingNode)services["web"];
        Assert.Equal("function", api["host"].ToString());
        Assert.Equal("staticwebapp", web["host"].ToString());
        Assert.True(Directory.Exists(RepositoryPaths.Of(api["project"].ToString())));
        Assert.True(Directory.Exists(RepositoryPaths.Of(web["project"].ToString())));
        Assert.All(bicep.Template!["outputs"]!.AsObject(), output => Assert.Matches("^[A-Z][A-Z0-9_]*$", output.Key));
    }

    private static Dictionary<string, string> AppSettings(JsonObject app) =>
        app["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(setting => (string)setting!["name"]!, setting => (string?)setting!["value"] ?? "");
}
