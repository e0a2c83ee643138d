using Approvals.Server.Azurite;
using Approvals.Server.Hosting;
using Approvals.Storage;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>
/// In-memory Azurites on free ports: one shared by the shared server, the Functions tests and every test that only
/// needs storage, and one more for each collection whose storage must not be shared (<see cref="OwnAzurite"/>).
/// Installs azurite with npm ci when the clone has none; a failure fails the tests, never skips them.
/// </summary>
public static class TestAzurite
{
    static readonly Lazy<AzuriteProcess> Azurite = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AzuriteProcess Instance => Azurite.Value;

    public static string ConnectionString => Instance.ConnectionString;

    /// <summary>The library's table access on the run's Azurite, counting its requests in <paramref name="counts"/>, for a
    /// test that drives a store directly.</summary>
    public static Tables Tables(StorageRequestCounts counts) =>
        new(StorageAccount.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.ConnectionKey] = ConnectionString }).Build(), counts));

    /// <summary>A name no other test uses, valid as a table, queue prefix or task hub name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, 45)];

    /// <summary>Starts another Azurite; the caller stops it, and it stops by itself when this process ends.</summary>
    public static AzuriteProcess Start()
    {
        var ports = LoopbackPorts.GetFree(3);
        var azurite = AzuriteProcess.Start(new AzuriteOptions
        {
            BlobPort = ports[0],
            QueuePort = ports[1],
            TablePort = ports[2],
            Location = null,
            StopGracePeriod = TimeSpan.FromSeconds(1),
        });

        // Azurite also closes by itself when this process dies (its stdin ends); this is the polite path.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite;
    }
}

/// <summary>A collection's own Azurite: nothing outside the collection reads its queues or writes its tables. Servers
/// poll the <c>notifications</c> queue and re-raise stored decisions in all the storage they see, so two servers (or a
/// server and a test's own queue worker) running at once must not share one.</summary>
public sealed class OwnAzurite : IDisposable
{
    readonly AzuriteProcess azurite = TestAzurite.Start();

    public string ConnectionString => azurite.ConnectionString;

    public int ProcessId => azurite.ProcessId;

    public void Dispose() => azurite.Dispose();
}
