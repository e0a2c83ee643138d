using System.Diagnostics;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>One fault scenario: a server, a <see cref="Fleet"/> run to Published under a <see cref="StageWatch"/>, the
/// fault struck while it runs, then the <see cref="Ledger"/> of what was kept.</summary>
public static class FaultRun
{
    /// <summary>The fault: given the server, the fleet and the fleet's run, strikes and returns its figures in words.</summary>
    public delegate Task<string> Strike(AppServer server, Fleet fleet, Task running, Stopwatch took);

    /// <param name="drain">How long the ledger waits for the outbox to empty once every workshop is Published.</param>
    public static async Task<Figures> RunAsync(string scenario, Func<Task<AppServer>> start, string storage, int workshops, TimeSpan deadline,
        TimeSpan drain, Smtp4devFixture smtp4dev, ITestOutputHelper output, Strike strike, Task? donorGate = null)
    {
        var server = await start();
        try
        {
            var took = Stopwatch.StartNew();
            var fleet = new Fleet(server, workshops, deadline, donorGate);
            await using var watch = new StageWatch(server, fleet);
            var running = fleet.RunAsync();
            var struck = await strike(server, fleet, running, took);
            await running;
            var figures = await Ledger.CountAsync(scenario, fleet, watch, smtp4dev, storage, drain, output);
            output.WriteLine($"{scenario}: {struck}; {workshops} workshops, {took.Elapsed.TotalSeconds:0} s in all");
            if (figures.Lost) output.WriteLine($"The server's last lines:{Environment.NewLine}{server.Process.Output()}");
            return figures;
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The seed of a run's random moments: <c>FAULTS_SEED</c> when set (to replay a run), else a new one.</summary>
    public static Random Seeded(string scenario, ITestOutputHelper output)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FAULTS_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"{scenario}: seed {seed} (FAULTS_SEED={seed} replays its moments)");
        return new Random(seed);
    }
}
