using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>The library's own services (<c>AddApprovals</c>) in the test process, on the run's Azurite, for tests
/// that drive one component directly against the same storage the server uses.</summary>
public static class LibraryServices
{
    public static ServiceProvider Build(IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = TestAzurite.ConnectionString,
            ["Approvals:SigningKey"] = Convert.ToBase64String(AppServer.SigningKey),
            ["Approvals:ApiKeys:0"] = AppServer.ApiKey,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddApprovals(configuration);
        return services.BuildServiceProvider();
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Approvals.IntegrationTests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
