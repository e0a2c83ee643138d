using System.Net;
using System.Net.Sockets;

namespace Approvals.Benchmarks;

/// <summary>Distinct free ports on 127.0.0.1, held open together while they are picked so no two are the same.</summary>
public static class FreePorts
{
    public static int[] Get(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
