using Approvals.Functions;
using Approvals.IntegrationTests.Infrastructure;
using Azure.Identity;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The function app's exporter signs in to Application Insights as the app settings the Bicep writes say:
/// the resource has local (key) authentication off, so a wrong reading loses all telemetry in Azure.</summary>
public sealed class FunctionsTelemetryTests
{
    [Fact]
    public void TheAppsOwnIdentitySignsInWhereTheBicepAsksForEntraAuth()
    {
        var bicep = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "infra", "app", "appsettings.bicep"));
        Assert.Contains($"{FunctionsTelemetry.AuthenticationSetting}: 'Authorization=AAD'", bicep, StringComparison.Ordinal);
        Assert.Contains($"{FunctionsTelemetry.ConnectionStringSetting}: applicationInsightsConnectionString", bicep, StringComparison.Ordinal);

        Assert.IsType<DefaultAzureCredential>(FunctionsTelemetry.Credential("Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(FunctionsTelemetry.Credential("Authorization=AAD;ClientId=3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        Assert.Null(FunctionsTelemetry.Credential(null));
    }
}
