using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Bicep;

/// <summary>What a deployer would notice in the compiled template: identity-only storage, Key Vault secrets, the app's keys, azd's outputs.</summary>
[Collection(nameof(BicepTemplate))]
public sealed partial class DeploymentIsWiredByIdentity(CompiledTemplate template)
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private static readonly string[] AppConfigurationKeys =
    [
        "Approvals__SigningKey",
        "Approvals__ApiKeys__0",
        "Approvals__PublicBaseUrl",
        "Approvals__Mail__From",
        "Approvals__Mail__Smtp__Host",
        "Approvals__Mail__Smtp__Port",
        "Approvals__Mail__Smtp__UserName",
        "Approvals__Mail__Smtp__Password",
        "Approvals__Mail__Smtp__UseTls",
    ];

    [Fact]
    public void StorageRefusesSharedKeyAccess()
    {
        var storage = Assert.Single(template.Deployed("Microsoft.Storage/storageAccounts"));

        Assert.False(storage["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["properties"]!["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.DoesNotContain(template.Templates().SelectMany(CompiledTemplate.Strings), s => s.Contains("listKeys", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void StorageHoldsTheFlexDeploymentContainer()
    {
        var container = Assert.Single(template.Deployed("Microsoft.Storage/storageAccounts/blobServices/containers"));
        var site = Assert.Single(template.Deployed("Microsoft.Web/sites"));
        var deployment = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.NotNull(container);
        Assert.Equal("blobContainer", (string?)deployment["type"]);
        Assert.Equal("SystemAssignedIdentity", (string?)deployment["authentication"]!["type"]);
    }

    [Fact]
    public void FunctionAppHasASystemAssignedIdentity()
    {
        var site = Assert.Single(template.Deployed("Microsoft.Web/sites"));

        Assert.Equal("SystemAssigned", (string?)site["identity"]!["type"]);
    }

    [Fact]
    public void FunctionAppRunsDotnetIsolated10OnFlexConsumption()
    {
        var plan = Assert.Single(template.Deployed("Microsoft.Web/serverfarms"));
        var site = Assert.Single(template.Deployed("Microsoft.Web/sites"));
        var runtime = site["properties"]!["functionAppConfig"]!["runtime"]!;

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);
    }

    [Fact]
    public void FunctionAppIsTheAzdApiService()
    {
        var site = Assert.Single(template.Deployed("Microsoft.Web/sites"));
        var tags = string.Join(" ", CompiledTemplate.Strings(site["tags"]));

        Assert.Contains("'azd-service-name', 'api'", tags, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionAppReachesStorageThroughItsIdentity()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var uri = (string?)settings[$"AzureWebJobsStorage__{service}ServiceUri"];
            Assert.False(string.IsNullOrEmpty(uri), $"AzureWebJobsStorage__{service}ServiceUri is missing.");
        }

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "A connection string would need the account key, which is disabled.");
    }

    [Fact]
    public void SecretsAreKeyVaultReferences()
    {
        var settings = AppSettings();

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", (string?)settings["Approvals__SigningKey"], StringComparison.Ordinal);
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", (string?)settings["Approvals__ApiKeys__0"], StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", (string?)settings["Approvals__Mail__Smtp__Password"], StringComparison.Ordinal);
        Assert.Equal(3, template.Deployed("Microsoft.KeyVault/vaults/secrets").Count);
        var vault = Assert.Single(template.Deployed("Microsoft.KeyVault/vaults"));
        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public void AppSettingsUseTheAppsConfigurationKeys()
    {
        var settings = AppSettings();

        Assert.All(AppConfigurationKeys, key => Assert.True(settings.ContainsKey(key), $"{key} is not set."));
        Assert.True(settings.ContainsKey("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        // Flex Consumption rejects these; the runtime comes from functionAppConfig.
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"));
    }

    [Fact]
    public void RoleAssignmentsGrantBlobQueueTableAndSecretAccess()
    {
        var rolesAssigned = template.Templates()
            .Where(t => CompiledTemplate.ResourcesOf(t).Any(r => (string?)r["type"] == "Microsoft.Authorization/roleAssignments"))
            .SelectMany(t => CompiledTemplate.Strings(t["variables"]))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Contains(StorageBlobDataOwner, rolesAssigned);
        Assert.Contains(StorageBlobDataContributor, rolesAssigned);
        Assert.Contains(StorageQueueDataContributor, rolesAssigned);
        Assert.Contains(StorageTableDataContributor, rolesAssigned);
        Assert.Contains(KeyVaultSecretsUser, rolesAssigned);
    }

    [Fact]
    public void OutputsAreUpperSnakeCase()
    {
        var outputs = template.Root["outputs"]!.AsObject().Select(o => o.Key).ToList();

        Assert.All(outputs, name => Assert.Matches(UpperSnake(), name));
        Assert.Superset(
            new HashSet<string> { "AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_KEY_VAULT_NAME", "SERVICE_API_URI" },
            outputs.ToHashSet());
    }

    [Fact]
    public void ParametersFileMatchesTheTemplate()
    {
        var declared = template.Root["parameters"]!.AsObject();
        var file = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("infra", "main.parameters.json")))!["parameters"]!.AsObject();

        Assert.All(file, p => Assert.True(declared.ContainsKey(p.Key), $"main.parameters.json sets '{p.Key}', which main.bicep does not declare."));
        Assert.All(
            declared.Where(p => p.Value!["defaultValue"] is null),
            p => Assert.True(file.ContainsKey(p.Key), $"main.bicep requires '{p.Key}', which main.parameters.json does not set."));
    }

    private JsonObject AppSettings()
    {
        var config = Assert.Single(
            template.Deployed("Microsoft.Web/sites/config"),
            r => ((string?)r["name"])?.Contains("appsettings", StringComparison.Ordinal) == true);
        return config["properties"]!.AsObject();
    }

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
