using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Http;

[Collection(nameof(OwnServers))]
public sealed class TrafficSettingsAreValidatedAtStart(OwnAzurite azurite)
{
    [Fact]
    public async Task ABadProxyAddressOrAZeroLimitStopsTheServerNamingEachSetting()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
            {
                ["Approvals__ForwardedHeaders__KnownProxies__0"] = "proxy.example.org",
                ["Approvals__ForwardedHeaders__KnownNetworks__0"] = "10.0.0.0/99",
                ["Approvals__RateLimits__PerLink__Burst"] = "0",
            }, storage: azurite.ConnectionString);
        });

        Assert.Contains("exited with code 2", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals:ForwardedHeaders:KnownProxies:0 must be an IP address, not 'proxy.example.org'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals:ForwardedHeaders:KnownNetworks:0 must be a network in CIDR form", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals:RateLimits:PerLink:Burst must be between 1 and 100000, not 0", failure.Message, StringComparison.Ordinal);
    }
}
