using Approvals.Server.Azurite;
using Approvals.Server.Hosting;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>
/// One in-memory Azurite for the whole test run, on free ports, shared by every test class.
/// Installs azurite with npm ci when the clone has none; a failure fails the tests, never skips them.
/// </summary>
public static class TestAzurite
{
    static readonly Lazy<AzuriteProcess> Azurite = new(StartOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    public static AzuriteProcess Instance => Azurite.Value;

    public static string ConnectionString => Instance.ConnectionString;

    /// <summary>A name no other test uses, valid as a table, queue prefix or task hub name.</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, 45)];

    static AzuriteProcess StartOnce()
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
