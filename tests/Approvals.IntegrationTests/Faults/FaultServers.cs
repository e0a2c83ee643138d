using System.Runtime.Versioning;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Server.Azurite;
using Approvals.Server.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>The fault suite's collection: its own Azurite (frozen in one test, so nothing else may use it) and its own
/// smtp4dev (every message in it is the suite's, so a duplicate anywhere is a real one). Its tests run one after another.</summary>
[CollectionDefinition(nameof(FaultSuite))]
public sealed class FaultSuite : ICollectionFixture<OwnAzurite>, ICollectionFixture<Smtp4devFixture>;

/// <summary>Servers for the fault suite, mailing through SMTP (a <see cref="SmtpRelay"/> to smtp4dev).</summary>
public static class FaultServers
{
    /// <summary>A server on the given storage (the fixture's Azurite).</summary>
    public static Task<AppServer> OnStorageAsync(string connectionString, int smtpPort, IReadOnlyDictionary<string, string?>? extra = null) =>
        StartAsync(Settings(smtpPort, extra), connectionString);

    /// <summary>A server on its own embedded emulator, as a user runs it, with its data in <paramref name="emulator"/>.</summary>
    [UnsupportedOSPlatform("windows")]
    public static Task<AppServer> EmbeddedAsync(EmbeddedEmulator emulator, int smtpPort)
    {
        var settings = Settings(smtpPort, null);
        var section = EmbeddedAzurite.Section.Replace(":", "__", StringComparison.Ordinal);
        settings[$"{section}__Location"] = emulator.Location;
        settings[$"{section}__BlobPort"] = $"{emulator.Options.BlobPort}";
        settings[$"{section}__QueuePort"] = $"{emulator.Options.QueuePort}";
        settings[$"{section}__TablePort"] = $"{emulator.Options.TablePort}";
        return StartAsync(settings, EmbeddedAzurite.DevelopmentStorage);
    }

    private static Dictionary<string, string?> Settings(int smtpPort, IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Approvals__Mail__Smtp__Host"] = "127.0.0.1",
            ["Approvals__Mail__Smtp__Port"] = $"{smtpPort}",

            // Every link of the suite is posted from 127.0.0.1, some again and again while the server is down.
            ["Approvals__RateLimits__PerClient__Burst"] = "10000",
            ["Approvals__RateLimits__PerClient__PerMinute"] = "10000",
            ["Approvals__RateLimits__PerLink__Burst"] = "1000",
            ["Approvals__RateLimits__PerLink__PerMinute"] = "1000",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>()) settings[name] = value;
        return settings;
    }

    private static async Task<AppServer> StartAsync(Dictionary<string, string?> settings, string storage)
    {
        var server = new AppServer(settings, storage);
        await server.InitializeAsync();
        return server;
    }
}

/// <summary>The embedded emulator's temp data folder and free ports; disposing stops the emulator a server left
/// behind (by its recorded pid) and deletes the folder.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class EmbeddedEmulator : IDisposable
{
    public string Location { get; } = Directory.CreateTempSubdirectory("faults-azurite-").FullName;

    public AzuriteOptions Options { get; }

    public EmbeddedEmulator()
    {
        var ports = LoopbackPorts.GetFree(3);
        Options = new AzuriteOptions { BlobPort = ports[0], QueuePort = ports[1], TablePort = ports[2], Location = Location };
    }

    public int ProcessId => DetachedAzurite.Read(Location)?.ProcessId ?? throw new InvalidOperationException($"No emulator recorded in {Location}.");

    public void Dispose()
    {
        DetachedAzurite.StopRecorded(Location, TimeSpan.FromSeconds(10), NullLogger.Instance);
        ChildProcess.DeleteFolderQuietly(Location);
    }
}
