using Azure.Data.Tables;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using CrewBuilder.Core.Api;
using CrewBuilder.Core.Billing;
using CrewBuilder.Core.Generation.Llm;
using CrewBuilder.Core.Generation.Project;
using CrewBuilder.Core.Generation.Requests;
using CrewBuilder.Core.Generation.Template;
using CrewBuilder.Core.Generation.Workflow;
using CrewBuilder.Core.Generation;
using CrewBuilder.Core.Identity;
using CrewBuilder.Core.Keys;
using CrewBuilder.Core.Mcp;
using CrewBuilder.Core.Organisations.Management;
using CrewBuilder.Core.Organisations;
using CrewBuilder.Core.Privacy;
using CrewBuilder.Core.Observability;
using CrewBuilder.Core.Status;
using CrewBuilder.Core.Storage;
using CrewBuilder.Core.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrewBuilder.Core;

public static class CrewBuilderServiceCollectionExtensions
{
    /// <summary>Everything CrewBuilder needs, the same for the Functions app and the self-host.</summary>
    public static IServiceCollection AddCrewBuilder(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GenerationOptions>().Bind(configuration.GetSection(GenerationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        var storage = StorageConnection.FromConfiguration(configuration);
        services.AddSingleton(_ => storage.CreateTableServiceClient());
        services.AddSingleton(_ => storage.CreateBlobServiceClient());
        services.AddSingleton<StorageClients>();
        services.AddSingleton<FixedWindowCounters>();
        services.AddSingleton<QuotaLedger>();
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(StripeGateway));
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<StripeEventLog>();
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<SubscriptionSync>();
        services.AddSingleton<CreditStore>();
        services.AddSingleton<GenerationCharges>();
        services.AddSingleton<SpendControl>();
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection(AnalyticsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UsageAnalytics>();
        services.AddSingleton<RecordingUsageNotifier>();
        services.TryAddSingleton<IUsageNotifier, WebhookAlertingNotifier>();
        services.AddSingleton<UsageLedger>();
        services.AddSingleton<UsageService>();
        services.AddSingleton<BillingService>();
        services.AddSingleton<StripeWebhook>();
        services.AddSingleton<QuotaJanitor>();

        services.AddSingleton<TemplateCrewDesigner>();
        services.AddSingleton<CrewProjectWriter>();
        services.AddSingleton<Generation.Review.PythonSyntax>();
        services.AddSingleton<Generation.Review.ProjectChecks>();
        Generation.Gate.SandboxServices.AddCrewSandbox(services, configuration);
        services.AddSingleton<ProjectDocsWriter>();
        services.AddSingleton<DeploymentWriter>();
        services.AddSingleton<GenerationStore>();
        services.AddSingleton<IReservationHolders>(provider => provider.GetRequiredService<GenerationStore>());
        services.AddSingleton<ArtifactStore>();
        services.AddSingleton<GenerationActivities>();
        services.AddSingleton<GenerationSettlement>();
        services.AddSingleton<GenerationFailures>();
        services.AddSingleton<GenerationStarts>();
        services.AddSingleton<GenerationService>();
        services.AddSingleton<Projects>();

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(nameof(JwtValidator));
        services.AddSingleton<JwtValidator>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<FailedAuthLimiter>();
        services.AddSingleton<Authenticator>();

        services.AddOptions<KeyVaultOptions>().Bind(configuration.GetSection(KeyVaultOptions.Section));
        services.AddSingleton<ISecretVault>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<KeyVaultOptions>>().Value;
            return options.Uri is null
                ? new FileSecretVault(options.LocalPath, provider.GetRequiredService<TimeProvider>())
                : new KeyVaultSecretVault(new SecretClient(options.Uri, new DefaultAzureCredential()));
        });
        services.AddSingleton<KeyEncryptionKeys>();
        services.AddSingleton<DataKeys>();
        services.AddSingleton<ProviderKeyCipher>();
        services.AddSingleton<IVaultCredentialCipher>(provider => provider.GetRequiredService<ProviderKeyCipher>());
        services.AddSingleton<KekRotation>();
        services.AddSingleton<TransportKeys>();
        services.AddSingleton<KeyEnvelope>();
        services.AddSingleton<SavedKeys>();
        services.AddSingleton(ProviderEndpoints.FromConfiguration(configuration));
        services.AddSingleton<ProviderKeyTester>();
        services.AddSingleton<KeyTestReceipts>();
        services.AddSingleton(ServerKeys.FromConfiguration(configuration));
        services.AddSingleton(PlatformKeys.FromConfiguration(configuration));
        services.AddSingleton<KeySlots>();
        services.AddSingleton<KeyJanitor>();
        services.AddSingleton<KeyResolver>();
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.Section));
        services.AddSingleton<LlmClient>();
        services.AddSingleton<StructuredAnswers>();
        services.AddSingleton<Clarification.ModelClarifier>();
        services.AddSingleton<Clarification.ClarificationService>();
        services.AddSingleton<LlmCrewDesigner>();

        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PrivacyService>();
        services.AddSingleton<RetentionSweep>();

        services.AddSingleton<OrganisationStore>();
        services.AddSingleton<Invitations>();
        services.AddSingleton<AuditChainKeys>();
        services.AddSingleton<AuditCheckpointSigner>();
        services.AddSingleton<AuditCheckpointStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditAnchoring>();
        services.AddSingleton<OrganisationService>();
        services.AddSingleton<OrganisationPolicies>();
        services.AddSingleton<OrganisationGenerations>();
        services.AddOptions<OrgVaultOptions>().Bind(configuration.GetSection(OrgVaultOptions.Section));
        services.TryAddSingleton<IOrgVaultClients, ManagedIdentityOrgVaultClients>();
        services.AddSingleton<HashiCorpVaultTokens>();
        services.AddSingleton<OrgVaults>();
        services.AddHttpClient(OrgVaults.HashiCorpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => new System.Net.Http.SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<OrgVaults>().ConnectAsync,
            });
        services.AddOptions<DedicatedAiOptions>().Bind(configuration.GetSection(DedicatedAiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DedicatedAiStore>();
        services.TryAddSingleton<DedicatedAiClients>();
        services.AddSingleton<DedicatedAiRegistration>();
        services.AddOptions<Organisations.WhiteLabel.WhiteLabelOptions>().Bind(configuration.GetSection(Organisations.WhiteLabel.WhiteLabelOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Organisations.WhiteLabel.HostnameStore>();
        services.AddSingleton<Organisations.WhiteLabel.DnsOwnershipCheck>();
        services.AddSingleton<Organisations.WhiteLabel.WhiteLabelSites>();
        services.AddSingleton<OrgHostnames>();
        services.AddOptions<RotationOptions>().Bind(configuration.GetSection(RotationOptions.Section));
        services.AddSingleton<OrgKeyRotation>();

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookTargets>();
        services.AddHttpClient(WebhookSender.ClientName, (provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new System.Net.Http.SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookTargets>().ConnectAsync,
            });
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookEndpoints>();

        services.AddOptions<StatusOptions>().Bind(configuration.GetSection(StatusOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServiceHistory>();
        services.AddSingleton<ServiceStatus>();
        services.AddSingleton<DependencyProbe>();

        services.AddSingleton<ApiGate>();
        services.AddSingleton<GenerationEndpoints>();
        services.AddSingleton<ProjectEndpoints>();
        services.AddCrewBuilderMcp();
        services.AddSingleton<ClarificationEndpoints>();
        services.AddSingleton<TemplateEndpoints>();
        services.AddSingleton<Templates.TemplateService>();
        services.AddSingleton<AccountEndpoints>();
        services.AddSingleton<AuthEndpoints>();
        services.AddSingleton<KeyEndpoints>();
        services.AddSingleton<BillingEndpoints>();
        services.AddSingleton<UsageEndpoints>();
        services.AddSingleton<AdminEndpoints>();
        services.AddSingleton<OrganisationEndpoints>();
        services.AddSingleton<DedicatedAiEndpoints>();
        services.AddSingleton<WhiteLabelEndpoints>();
        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton<StatusEndpoint>();
        return services;
    }
}
