using System.Net;
using System.Net.Sockets;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask;

namespace Approvals.Testing;

/// <summary>Starts Durable's in-memory test host on a port that is free. Left to itself it picks a random port in
/// 30000–40000 without looking, which is inside Linux's ephemeral range, where Azurite, smtp4dev and the servers of the
/// same run listen: on a fresh clone one start failed with "address already in use".</summary>
public static class InMemoryDurable
{
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions { Port = FreePort() });
            }
            catch (IOException) when (attempt < 3)
            {
                // Taken between the probe and the bind: another port.
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
