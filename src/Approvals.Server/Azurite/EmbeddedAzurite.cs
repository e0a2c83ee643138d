using System.Runtime.InteropServices;
using Approvals.Server.Hosting;
using Microsoft.Extensions.Logging.Console;

namespace Approvals.Server.Azurite;

public static class EmbeddedAzurite
{
    public const string StorageSetting = "AzureWebJobsStorage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>The embedded emulator's <see cref="AzuriteOptions"/>: ports (10000–10002) and data folder (<c>Location</c>,
    /// by default <c>&lt;repo&gt;/.azurite/</c>).</summary>
    public const string Section = "Approvals:Azurite";

    // Long enough for Azurite to save a large data set; it exits as soon as it has.
    static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// With <c>AzureWebJobsStorage=UseDevelopmentStorage=true</c> (the default), points storage at the embedded
    /// Azurite before anything touches it: the one an earlier start left running on the data folder, else whatever
    /// listens on its ports, else a new one in a process of its own (on Windows a child of the server). The server stops
    /// the one it started or carried on with when it is stopped (Ctrl-C, SIGTERM, SIGHUP), so that it saves; a crash of
    /// the server leaves it running for the next start. Leaves the effective connection string in <c>AzureWebJobsStorage</c>.
    /// </summary>
    public static WebApplicationBuilder AddEmbeddedAzurite(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration[StorageSetting];
        if (!string.IsNullOrWhiteSpace(configured)
            && !string.Equals(configured.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase))
        {
            return builder;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger(typeof(EmbeddedAzurite).FullName!);
        var options = Options(builder.Configuration);
        builder.Configuration[StorageSetting] = options.ConnectionString;
        var stop = Reuse(options, logger);
        if (stop is null && options.Ports.All(LoopbackPorts.IsListening))
        {
            return builder;
        }

        stop ??= Start(options, logger);

        // Registered before the app's own services, so it is stopped after all of them.
        builder.Services.AddHostedService(services => new StopWithHost(stop, services.GetRequiredService<IHostApplicationLifetime>()));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop();
        return builder;
    }

    static AzuriteOptions Options(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = section.Get<AzuriteOptions>() ?? new AzuriteOptions();
        return section[nameof(AzuriteOptions.StopGracePeriod)] is null ? options with { StopGracePeriod = StopGracePeriod } : options;
    }

    static Action? Reuse(AzuriteOptions options, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var root = options.RepositoryRoot ?? AzuriteInstallation.TryFindRepositoryRoot();
        var location = options.Location ?? (root is null ? null : Path.Combine(root, ".azurite"));
        return location is not null && DetachedAzurite.Find(options with { Location = location }, logger) is { } running ? running.Stop : null;
    }

    static Action Start(AzuriteOptions options, ILogger logger)
    {
        var root = options.RepositoryRoot ?? AzuriteInstallation.FindRepositoryRoot();
        options = options with { RepositoryRoot = root, Location = options.Location ?? Path.Combine(root, ".azurite") };
        if (OperatingSystem.IsWindows())
        {
            return AzuriteProcess.Start(options, logger).Dispose;
        }

        return DetachedAzurite.Start(options, logger).Stop;
    }

    /// <summary>Stops the emulator after the application's own services, and treats a closed terminal (SIGHUP) as a stop
    /// of the server: the host itself only handles Ctrl-C, SIGQUIT and SIGTERM.</summary>
    sealed class StopWithHost(Action stop, IHostApplicationLifetime lifetime) : IHostedService, IDisposable
    {
        PosixSignalRegistration? hangup;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!OperatingSystem.IsWindows())
            {
                hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
                {
                    context.Cancel = true;
                    lifetime.StopApplication();
                });
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            stop();
            return Task.CompletedTask;
        }

        public void Dispose() => hangup?.Dispose();
    }
}
