using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;

namespace Approvals.IntegrationTests.Server;

[Collection(nameof(OwnServers))]
public sealed class ConfigurationIsValidatedAtStart(OwnAzurite azurite)
{
    const string ProductionApiKey = "production-key-123";
    const string ProductionSigningKey = "cHJvZHVjdGlvbi1zaWduaW5nLWtleS1mb3ItdGVzdHMtMzJiIQ==";

    /// <summary>Settings a non-Development server starts with; a test overrides one.</summary>
    static Dictionary<string, string?> Production(params (string Name, string? Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Approvals__SigningKey"] = ProductionSigningKey,
            ["Approvals__ApiKeys__0"] = ProductionApiKey,
            ["Approvals__PublicBaseUrl"] = "https://approvals.example.org",
        };
        foreach (var (name, value) in overrides) settings[name] = value;
        return settings;
    }

    async Task<string> RefusedStart(Dictionary<string, string?> settings)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var server = await ServerProcess.StartAsync(settings, storage: azurite.ConnectionString);
        });
        Assert.Contains("The server exited with code 2 while starting", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Approvals cannot start: the configuration is invalid.", failure.Message, StringComparison.Ordinal);
        return failure.Message;
    }

    [Theory]
    [InlineData(null, "Approvals:SigningKey is missing")]
    [InlineData("c2hvcnQ=", "Approvals:SigningKey is 5 bytes; at least 32 are needed")]
    [InlineData(SigningKey.Development, "Approvals:SigningKey is the development key, which is published with the source")]
    public async Task OutsideDevelopmentAMissingShortOrPublicSigningKeyStopsTheServerWithAClearMessage(string? key, string message) =>
        Assert.Contains(message, await RefusedStart(Production(("Approvals__SigningKey", key))), StringComparison.Ordinal);

    [Fact]
    public async Task OutsideDevelopmentAnHttpPublicAddressStopsTheServer() =>
        Assert.Contains("Approvals:PublicBaseUrl must be an https address outside Development",
            await RefusedStart(Production(("Approvals__PublicBaseUrl", "http://approvals.example.org"))), StringComparison.Ordinal);

    [Fact]
    public async Task InDevelopmentASigningKeyThatIsSetButNotBase64StopsTheServerInsteadOfSigningWithTheDevelopmentKey() =>
        Assert.Contains("Approvals:SigningKey is not valid base64",
            await RefusedStart(new() { ["Approvals__SigningKey"] = "my-secret-signing-key-not-base64!" }), StringComparison.Ordinal);

    [Fact]
    public async Task SmtpCredentialsWithoutTlsStopTheServerUnlessExplicitlyAllowed() =>
        Assert.Contains("Approvals:Mail:Smtp:UserName is set but Approvals:Mail:Smtp:UseTls is not",
            await RefusedStart(Production(("Approvals__Mail__Smtp__Host", "smtp.example.org"), ("Approvals__Mail__Smtp__UserName", "mailer"),
                ("Approvals__Mail__Smtp__Password", "secret"), ("Approvals__Mail__Smtp__UseTls", "false"))), StringComparison.Ordinal);

    [Fact]
    public async Task ABadDurationNamesTheSetting() =>
        Assert.Contains("Approvals:Timing:ReviewTimeout must be a positive TimeSpan",
            await RefusedStart(new() { ["Approvals__Timing__ReviewTimeout"] = "-00:00:05" }), StringComparison.Ordinal);

    [Fact]
    public async Task OutsideDevelopmentTheBannerPrintsNoApiKey()
    {
        await using var server = await ServerProcess.StartAsync(Production(), storage: azurite.ConnectionString);

        var banner = await BannerOf(server);
        Assert.Contains("API key           : set in Approvals:ApiKeys (not printed outside Development)", banner, StringComparison.Ordinal);
        Assert.Contains("x-functions-key: <your API key>", banner, StringComparison.Ordinal);
        Assert.DoesNotContain(ProductionApiKey, server.Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("PUBLIC", server.Output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADevelopmentServerThatMailsForRealWithTheDevelopmentKeyWarnsInItsLogAndBanner()
    {
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["Approvals__Mail__Smtp__Host"] = "127.0.0.1",
            ["Approvals__Mail__Smtp__Port"] = "2",
        }, storage: azurite.ConnectionString);

        var banner = await BannerOf(server);
        await Eventually.WaitFor(() => Task.FromResult(server.Output().Contains("LINKS ARE SIGNED", StringComparison.Ordinal)));
        Assert.Contains("WARNING: links are signed with the PUBLIC development key while mail goes out through 127.0.0.1", banner, StringComparison.Ordinal);
        Assert.Contains("LINKS ARE SIGNED WITH THE PUBLIC DEVELOPMENT KEY while mail goes out through 127.0.0.1", server.Output(), StringComparison.Ordinal);
        Assert.Contains($"API key           : {DevelopmentDefaults.ApiKey}", banner, StringComparison.Ordinal);
    }

    /// <summary>The banner is printed once the server has started, which may be a moment after it first answers.</summary>
    static async Task<string> BannerOf(ServerProcess server)
    {
        await Eventually.WaitFor(() => Task.FromResult(server.Output().Contains("Press Ctrl+C to stop.", StringComparison.Ordinal)));
        var output = server.Output();
        return output[output.IndexOf("Approvals is running on", StringComparison.Ordinal)..];
    }
}
