using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Server;

[Collection(nameof(OwnServers))]
public sealed class ConfigurationIsValidatedAtStart(OwnAzurite azurite)
{
    [Theory]
    [InlineData(null, "Approvals:SigningKey is missing")]
    [InlineData("c2hvcnQ=", "Approvals:SigningKey is 5 bytes; at least 32 are needed")]
    public async Task OutsideDevelopmentAMissingOrShortSigningKeyStopsTheServerWithAClearMessage(string? key, string message)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Approvals__SigningKey"] = key,
                ["Approvals__ApiKeys__0"] = "production-key-123",
            }, storage: azurite.ConnectionString);
        });

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadDurationNamesTheSetting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
            {
                ["Approvals__Timing__ReviewTimeout"] = "-00:00:05",
            }, storage: azurite.ConnectionString);
        });

        Assert.Contains("Approvals:Timing:ReviewTimeout must be a positive TimeSpan", failure.Message, StringComparison.Ordinal);
    }
}
