using System.Collections.Concurrent;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Faults;

/// <summary>Polls <c>GET /api/workshops/{id}</c> for every workshop of a fleet, as a manager refreshing the status
/// would, through restarts and outages (a failed poll is skipped), and notes every answer that shows a stage older
/// than one already shown. The fleets go straight from review to Published, so on their path "older" is the enum order.</summary>
public sealed class StageWatch : IAsyncDisposable
{
    private readonly AppServer server;
    private readonly Fleet fleet;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, Stage> highest = new();
    private readonly Task polling;

    public StageWatch(AppServer server, Fleet fleet)
    {
        this.server = server;
        this.fleet = fleet;
        polling = Task.Run(PollAsync);
    }

    public ConcurrentBag<string> Regressions { get; } = [];

    public int Polls => polls;

    public int FailedPolls => failed;

    private int polls;
    private int failed;

    private async Task PollAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var id in fleet.Ids)
            {
                try
                {
                    var status = await server.StatusAsync(id);
                    Interlocked.Increment(ref polls);
                    var seen = highest.GetOrAdd(id, status.Stage);
                    if (status.Stage < seen) Regressions.Add($"{id}: {status.Stage} shown after {seen}");
                    else highest[id] = status.Stage;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                }
            }

            try
            {
                await Task.Delay(200, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await polling;
        stop.Dispose();
    }
}
