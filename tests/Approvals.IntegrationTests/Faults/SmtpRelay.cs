using System.Net;
using System.Net.Sockets;
using Approvals.Server.Hosting;

namespace Approvals.IntegrationTests.Faults;

/// <summary>The relay the server mails through: a TCP forwarder on a 127.0.0.1 port of its own to smtp4dev. Taken
/// <see cref="Down"/> it stops listening and cuts the connections it carries, so the server sees what a relay that is
/// down gives (connection refused); <see cref="Up"/> listens on the same port again.</summary>
public sealed class SmtpRelay : IAsyncDisposable
{
    private readonly int target;
    private TcpListener? listener;
    private CancellationTokenSource? running;
    private Task? accepting;

    public SmtpRelay(int targetPort)
    {
        target = targetPort;
        Port = LoopbackPorts.GetFree(1)[0];
        Up();
    }

    public int Port { get; }

    /// <summary>How many connections it has accepted.</summary>
    public int Connections => Volatile.Read(ref connections);

    private int connections;

    public bool IsUp => listener is not null;

    public void Up()
    {
        if (listener is not null) return;
        var l = listener = new TcpListener(IPAddress.Loopback, Port);
        l.Start();
        var cts = running = new CancellationTokenSource();
        accepting = Task.Run(() => AcceptAsync(l, cts.Token));
    }

    public async Task Down()
    {
        if (listener is null) return;
        await running!.CancelAsync();
        listener.Stop();
        listener = null;
        try
        {
            await accepting!;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        running.Dispose();
    }

    private async Task AcceptAsync(TcpListener l, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await l.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref connections);
            _ = Task.Run(() => CarryAsync(client, ct), CancellationToken.None);
        }
    }

    private async Task CarryAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, target, ct);
                var a = client.GetStream();
                var b = server.GetStream();
                await Task.WhenAny(a.CopyToAsync(b, ct), b.CopyToAsync(a, ct));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A cut connection is what this relay is for.
            }
        }
    }

    public async ValueTask DisposeAsync() => await Down();
}
