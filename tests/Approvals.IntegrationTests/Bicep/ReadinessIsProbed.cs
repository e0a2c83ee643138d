namespace Approvals.IntegrationTests.Bicep;

/// <summary>Flex Consumption has no platform health check, so the deployment probes /api/readyz with an Application
/// Insights standard test linked to the app's Application Insights.</summary>
[Collection(nameof(BicepTemplate))]
public sealed class ReadinessIsProbed(CompiledTemplate template)
{
    [Fact]
    public void AStandardAvailabilityTestGetsTheReadinessProbeAndExpects200()
    {
        var test = Assert.Single(template.Deployed("Microsoft.Insights/webtests"));
        var properties = test["properties"]!;

        Assert.Equal("standard", (string?)test["kind"]);
        Assert.Contains("/api/readyz", (string?)properties["Request"]!["RequestUrl"], StringComparison.Ordinal);
        Assert.Equal("GET", (string?)properties["Request"]!["HttpVerb"]);
        Assert.Equal(200, (int?)properties["ValidationRules"]!["ExpectedHttpStatusCode"]);
        Assert.True((bool?)properties["Enabled"]);
        Assert.Contains(CompiledTemplate.Strings(test["tags"]), s => s.Contains("hidden-link:", StringComparison.Ordinal));

        // No platform health check on Flex Consumption: the site does not set one.
        var site = Assert.Single(template.Deployed("Microsoft.Web/sites"));
        Assert.Null(site["properties"]!["siteConfig"]!["healthCheckPath"]);
    }
}
