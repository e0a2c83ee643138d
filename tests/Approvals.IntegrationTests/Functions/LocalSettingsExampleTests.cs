using Approvals.Storage;

namespace Approvals.IntegrationTests.Functions;

/// <summary>local.settings.example.json, copied to local.settings.json, is what <c>func start</c> needs on Azurite.</summary>
public sealed class LocalSettingsExampleTests
{
    [Fact]
    public void TheExampleRunsTheIsolatedWorkerOnAzuriteWithAUsableSigningKey()
    {
        var values = FunctionsHost.ExampleSettings();

        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values[StorageAccount.ConnectionKey]);
        Assert.Equal("http://localhost:7071", values["Approvals__PublicBaseUrl"]);
        Assert.Null(ApprovalsOptionsValidator.SigningKeyError(values["Approvals__SigningKey"]));
    }
}
