extern alias server;

using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Approvals.IntegrationTests.Server;

[Collection(nameof(OwnServers))]
public sealed class EarlyStopIsClean(OwnAzurite azurite)
{
    [Fact]
    public async Task StoppingTheServerBeforeItsDurableWorkerConnectsDoesNotCrashIt()
    {
        for (var i = 0; i < 3; i++)
        {
            await using var factory = new WebApplicationFactory<server::Program>()
                .WithWebHostBuilder(web => web
                    .UseEnvironment("Development")
                    .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
                    .UseSetting(DurableSidecarExtensions.TaskHubSetting, TestAzurite.UniqueName("Early")));
            var lifetime = factory.Services.GetRequiredService<IHostApplicationLifetime>();
            Assert.True(lifetime.ApplicationStarted.IsCancellationRequested);
        }

        // A crash would have ended this process (async-void exception) before reaching here.
        await Task.Delay(1000);
    }
}
