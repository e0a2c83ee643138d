using Approvals.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;

namespace Approvals.Tests.Settings;

/// <summary>What start-up says about the signing key and the public address, in Development and outside it.</summary>
public sealed class SigningKeySettingsTests
{
    const string RealKey = "c2lnbmluZy1rZXktZm9yLXRlc3RzLW9ubHktMzItYnl0ZXMhIQ==";

    static IReadOnlyList<string> Failures(string environment, Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new ApprovalsOptions();
        configuration.GetSection(ApprovalsOptions.Section).Bind(options);
        var result = new ApprovalsOptionsValidator(new Environment(environment)).Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    static Dictionary<string, string?> Production(string? key = RealKey, string url = "https://approvals.example.org") => new()
    {
        ["Approvals:SigningKey"] = key,
        ["Approvals:PublicBaseUrl"] = url,
        ["Approvals:ApiKeys:0"] = "production-key-123",
    };

    [Fact]
    public void OutsideDevelopmentTheDevelopmentKeyIsRefused()
    {
        var failure = Assert.Single(Failures(Environments.Production, Production(SigningKey.Development)));
        Assert.StartsWith("Approvals:SigningKey is the development key", failure, StringComparison.Ordinal);
        Assert.Empty(Failures(Environments.Production, Production()));
    }

    [Theory]
    [InlineData("http://approvals.example.org")]
    [InlineData("http://localhost:7071")]
    public void OutsideDevelopmentThePublicAddressMustBeHttps(string url)
    {
        var failure = Assert.Single(Failures(Environments.Staging, Production(url: url)));
        Assert.Equal($"Approvals:PublicBaseUrl must be an https address outside Development (mailed links are credentials), not '{new Uri(url)}'.", failure);
    }

    [Theory]
    [InlineData("not base64 at all!", "is not valid base64")]
    [InlineData("c2hvcnQ=", "is 5 bytes; at least 32 are needed")]
    public void InDevelopmentAKeyThatIsSetButUnusableIsRefusedInsteadOfReplacedByTheDevelopmentKey(string key, string reason)
    {
        var failure = Assert.Single(Failures(Environments.Development, new() { ["Approvals:SigningKey"] = key }));
        Assert.StartsWith($"Approvals:SigningKey {reason}", failure, StringComparison.Ordinal);
        var error = Assert.Throws<InvalidOperationException>(() => SigningKey.Resolve(new ApprovalsOptions { SigningKey = key }));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InDevelopmentTheDevelopmentKeyAndAPlainLocalAddressAreFine() =>
        Assert.Empty(Failures(Environments.Development, new() { ["Approvals:SigningKey"] = SigningKey.Development, ["Approvals:PublicBaseUrl"] = "http://localhost:7071" }));

    [Theory]
    [InlineData("http://localhost:7071", null, null)]
    [InlineData("http://127.0.0.1:8080", "", null)]
    [InlineData("http://[::1]:7071", null, null)]
    [InlineData("http://localhost:7071", "smtp.example.org", "mail goes out through smtp.example.org")]
    [InlineData("http://approvals.lan:7071", null, "links point to http://approvals.lan:7071/")]
    [InlineData("http://10.0.0.5:7071", null, "links point to http://10.0.0.5:7071/")]
    public void TheDevelopmentKeyIsCalledPublicOnceMailGoesOutOrLinksLeaveTheMachine(string url, string? smtpHost, string? exposure)
    {
        var options = new ApprovalsOptions { SigningKey = SigningKey.Development, PublicBaseUrl = new Uri(url) };
        options.Mail.Smtp.Host = smtpHost;
        Assert.Equal(exposure, SigningKey.PublicKeyExposure(options));

        options.SigningKey = RealKey;
        Assert.Null(SigningKey.PublicKeyExposure(options));
    }

    sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Approvals.Tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
