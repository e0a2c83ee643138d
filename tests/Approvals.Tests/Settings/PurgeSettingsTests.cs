using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;

namespace Approvals.Tests.Settings;

/// <summary>A purge setting that would delete history at once, or never run, stops the app at start with the key named.</summary>
public sealed class PurgeSettingsTests
{
    static IReadOnlyList<string> Failures(string key, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"Approvals:{key}"] = value }).Build();
        var options = new ApprovalsOptions();
        configuration.GetSection(ApprovalsOptions.Section).Bind(options);
        return new ApprovalsOptionsValidator(new Development()).Validate(null, options).Failures?.ToList() ?? [];
    }

    [Theory]
    [InlineData("PurgeAfter", "00:00:00")]
    [InlineData("PurgeAfter", "-1.00:00:00")]
    [InlineData("PurgeInterval", "00:00:00")]
    public void AZeroOrNegativeDurationIsRefused(string key, string value)
    {
        var failure = Assert.Single(Failures(key, value));
        Assert.StartsWith($"Approvals:{key} must be a positive TimeSpan", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortDurationsForTestsAreAccepted()
    {
        Assert.Empty(Failures("PurgeAfter", "00:00:03"));
        Assert.Empty(Failures("PurgeInterval", "00:00:01"));
    }

    sealed class Development : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Approvals.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
