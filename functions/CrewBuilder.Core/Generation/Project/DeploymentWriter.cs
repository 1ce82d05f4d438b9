namespace CrewBuilder.Core.Generation.Project;

/// <summary>
/// The files that run the crew's service elsewhere: a Dockerfile, docker-compose for one machine, and azure.yaml with
/// Bicep so <c>azd up</c> deploys it to Azure Container Apps with its secrets as Container Apps secrets.
/// </summary>
public sealed class DeploymentWriter
{
    /// <summary>The deployment files, from the design and the project's layout alone.</summary>
    public IReadOnlyList<ProjectFile> Deploy(CrewDesign design, ProjectLayout layout = ProjectLayout.Classic)
    {
        var package = design.Analysis.PackageName;
        var service = package.Replace('_', '-');
        return
        [
            new ProjectFile("Dockerfile", Dockerfile(layout == ProjectLayout.Json ? JsonSources : ClassicSources(package))),
            new ProjectFile(".dockerignore", ".env\n.venv/\n__pycache__/\noutput/\ntests/\n"),
            new ProjectFile("docker-compose.yml", Compose(service)),
            new ProjectFile("azure.yaml", AzureYaml(service)),
            new ProjectFile("infra/main.bicep", Bicep(design, service)),
            new ProjectFile("infra/main.parameters.json", Parameters(design)),
        ];
    }

    private static (string Copy, string App) ClassicSources(string package) => ("COPY src ./src", $"{package}.api:app");

    // The JSON layout runs from its folder: api.py loads crew.jsonc, which loads agents/ and tools/ beside it.
    private static readonly (string Copy, string App) JsonSources =
        ($"COPY {JsonCrewWriter.Definition} {JsonCrewWriter.ModelsModule}.py api.py ./\nCOPY agents ./agents\nCOPY tools ./tools\nCOPY skills ./skills", "api:app");

    private static string Dockerfile((string Copy, string App) sources) => $$"""
        FROM python:3.12-slim

        ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
        WORKDIR /app
        # uv.lock (made by `crewai install` or `uv lock`) pins every dependency: with it, uv installs exactly those;
        # without it, pip resolves pyproject.toml's ranges.
        COPY pyproject.toml README.md uv.lock* ./
        {{sources.Copy}}
        COPY knowledge ./knowledge
        RUN if [ -f uv.lock ]; then \
              pip install --no-cache-dir uv \
              && uv export --frozen --no-dev --no-emit-project --output-file /tmp/requirements.txt \
              && uv pip install --system --no-cache -r /tmp/requirements.txt \
              && uv pip install --system --no-cache --no-deps . ; \
            else \
              pip install --no-cache-dir . ; \
            fi
        RUN useradd --create-home crew && mkdir -p /app/output && chown crew /app/output
        USER crew

        EXPOSE 8000
        HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
        CMD ["uvicorn", "{{sources.App}}", "--host", "0.0.0.0", "--port", "8000"]

        """;

    private static string Compose(string service) => $$"""
        services:
          {{service}}:
            build: .
            env_file: .env
            ports:
              - "8000:8000"
            volumes:
              - ./output:/app/output
            restart: unless-stopped

        """;

    private static string AzureYaml(string service) => $$"""
        # yaml-language-server: $schema=https://raw.githubusercontent.com/Azure/azure-dev/main/schemas/v1.0/azure.yaml.json
        name: {{service}}
        services:
          api:
            project: .
            language: python
            host: containerapp
            docker:
              path: ./Dockerfile

        """;

    private static string Bicep(CrewDesign design, string service)
    {
        var settings = CrewEnvironment.Of(design);
        var secrets = settings.Where(setting => setting.Secret).ToList();
        var plain = settings.Where(setting => !setting.Secret).ToList();
        var parameters = string.Concat(secrets.Select(setting => $"@secure()\n@description('{Quote(setting.Purpose)}')\nparam {Param(setting.Name)} string\n\n"))
            + string.Concat(plain.Select(setting => $"@description('{Quote(setting.Purpose)}')\nparam {Param(setting.Name)} string = '{Quote(setting.Example)}'\n\n"));
        var secretList = string.Concat(secrets.Select(setting => $"        {{ name: '{Secret(setting.Name)}', value: {Param(setting.Name)} }}\n"));
        var env = string.Concat(secrets.Select(setting => $"            {{ name: '{setting.Name}', secretRef: '{Secret(setting.Name)}' }}\n"))
            + string.Concat(plain.Select(setting => $"            {{ name: '{setting.Name}', value: {Param(setting.Name)} }}\n"));
        return $$"""
            targetScope = 'resourceGroup'

            @description('Name of the azd environment, used to name the resources.')
            param environmentName string

            param location string = resourceGroup().location

            {{parameters}}var token = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName))
            var tags = { 'azd-env-name': environmentName }

            resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
              name: 'log-${token}'
              location: location
              tags: tags
              properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
            }

            resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
              name: 'cr${token}'
              location: location
              tags: tags
              sku: { name: 'Basic' }
              properties: { adminUserEnabled: false }
            }

            resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
              name: 'id-${token}'
              location: location
              tags: tags
            }

            // Lets the app's identity pull its image from the registry (AcrPull).
            resource pull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
              name: guid(registry.id, identity.id, 'acrpull')
              scope: registry
              properties: {
                principalId: identity.properties.principalId
                principalType: 'ServicePrincipal'
                roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
              }
            }

            resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
              name: 'cae-${token}'
              location: location
              tags: tags
              properties: {
                appLogsConfiguration: {
                  destination: 'log-analytics'
                  logAnalyticsConfiguration: { customerId: logs.properties.customerId, sharedKey: logs.listKeys().primarySharedKey }
                }
              }
            }

            resource app 'Microsoft.App/containerApps@2024-03-01' = {
              name: 'ca-{{service}}-${token}'
              location: location
              tags: union(tags, { 'azd-service-name': 'api' })
              identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
              dependsOn: [ pull ]
              properties: {
                managedEnvironmentId: environment.id
                configuration: {
                  ingress: { external: true, targetPort: 8000 }
                  registries: [ { server: registry.properties.loginServer, identity: identity.id } ]
                  secrets: [
            {{secretList}}      ]
                }
                template: {
                  containers: [
                    {
                      name: 'api'
                      image: 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
                      resources: { cpu: json('1.0'), memory: '2Gi' }
                      env: [
            {{env}}              ]
                      probes: [ { type: 'Liveness', httpGet: { path: '/health', port: 8000 } } ]
                    }
                  ]
                  scale: { minReplicas: 0, maxReplicas: 3 }
                }
              }
            }

            output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer
            output SERVICE_API_URI string = 'https://${app.properties.configuration.ingress.fqdn}'

            """;
    }

    /// <summary>azd fills each parameter from the environment variable of the same name (<c>azd env set NAME value</c>).</summary>
    private static string Parameters(CrewDesign design)
    {
        var values = CrewEnvironment.Of(design).Select(setting => $"    \"{Param(setting.Name)}\": {{ \"value\": \"${{{setting.Name}}}\" }}");
        return "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\",\n"
            + "  \"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {\n"
            + "    \"environmentName\": { \"value\": \"${AZURE_ENV_NAME}\" },\n    \"location\": { \"value\": \"${AZURE_LOCATION}\" },\n"
            + string.Join(",\n", values) + "\n  }\n}\n";
    }

    private static string Param(string name) => Naming.Pascal(name) is var pascal ? char.ToLowerInvariant(pascal[0]) + pascal[1..] : name;

    private static string Secret(string name) => name.ToLowerInvariant().Replace('_', '-');

    private static string Quote(string text) => text.Replace("'", "\\'", StringComparison.Ordinal);
}
