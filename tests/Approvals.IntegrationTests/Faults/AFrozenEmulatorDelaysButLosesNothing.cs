using System.Diagnostics;
using System.Runtime.Versioning;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>Storage outage: the Azurite the server uses frozen with SIGSTOP for 20 s mid-run (its sockets open,
/// nothing answering, as a hung disk or a paused VM), then resumed with SIGCONT.</summary>
[Collection(nameof(FaultSuite))]
[UnsupportedOSPlatform("windows")]
public sealed class AFrozenEmulatorDelaysButLosesNothing(OwnAzurite azurite, Smtp4devFixture smtp4dev, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    [Trait("Category", "Fault")]
    public async Task EveryWorkshopStillReachesPublishedAfterTwentySecondsOfFrozenStorage()
    {
        const string scenario = "storage frozen 20 s";
        var random = FaultRun.Seeded(scenario, output);
        var frozen = TimeSpan.Zero;
        var figures = await FaultRun.RunAsync(scenario, () => FaultServers.OnStorageAsync(azurite.ConnectionString, smtp4dev.SmtpPort), azurite.ConnectionString,
            workshops: 3, TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(90), smtp4dev, output, async (_, fleet, running, took) =>
            {
                await Task.WhenAny(fleet.FirstDecisionAnswered, running);
                await Task.Delay(random.Next(0, 3_000));
                var at = took.Elapsed;
                var outage = Stopwatch.StartNew();
                Signals.Freeze(azurite.ProcessId);
                try
                {
                    // A timer may fire a few milliseconds before the stopwatch agrees: the outage lasts the whole Outage.
                    while (outage.Elapsed < Outage) await Task.Delay(Outage - outage.Elapsed + TimeSpan.FromMilliseconds(5));
                }
                finally
                {
                    Signals.Thaw(azurite.ProcessId);
                    frozen = outage.Elapsed;
                }

                return $"outage {frozen.TotalSeconds:0.0} s from {at.TotalSeconds:0.0} s (running then: {!running.IsCompleted})";
            });

        Assert.True(frozen >= Outage);
        figures.AssertNothingLost();
    }
}
