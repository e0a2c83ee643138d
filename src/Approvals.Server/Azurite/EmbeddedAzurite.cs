using Approvals.Server.Hosting;
using Microsoft.Extensions.Logging.Console;

namespace Approvals.Server.Azurite;

public static class EmbeddedAzurite
{
    public const string StorageSetting = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// With <c>AzureWebJobsStorage=UseDevelopmentStorage=true</c> (the default) and nothing on the Azurite ports,
    /// starts Azurite now, before anything touches storage, keeping data under <c>&lt;repo&gt;/.azurite/</c>;
    /// it stops with the application. Leaves the effective connection string in <c>AzureWebJobsStorage</c>.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedAzurite(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[StorageSetting];
        if (!string.IsNullOrWhiteSpace(configured)
            && !string.Equals(configured.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        var defaults = new AzuriteOptions();
        var listening = defaults.Ports.Count(LoopbackPorts.IsListening);
        if (listening == defaults.Ports.Count)
        {
            builder.Configuration[StorageSetting] = defaults.ConnectionString;
            return builder;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var root = AzuriteInstallation.FindRepositoryRoot();
        var azurite = AzuriteProcess.Start(
            defaults with { RepositoryRoot = root, Location = Path.Combine(root, ".azurite") },
            loggerFactory.CreateLogger(typeof(EmbeddedAzurite).FullName!));
        builder.Configuration[StorageSetting] = azurite.ConnectionString;

        // Registered before the app's own services, so it is stopped after all of them.
        builder.Services.AddHostedService(_ => new StopWithHost(azurite));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return builder;
    }

    sealed class StopWithHost(AzuriteProcess azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            azurite.Stop();
            return Task.CompletedTask;
        }
    }
}
