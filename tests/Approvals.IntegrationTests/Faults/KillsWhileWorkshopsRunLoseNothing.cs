using System.Diagnostics;
using System.Runtime.Versioning;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Approvals.Notifications;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>kill -9 of the server at three moments while workshops run to Published through their pages: right after
/// a decision page answered; a seeded random 0–3 s after the fleet moved on again (a page answered after the restart, so
/// the kills meet the workshops at different steps); and a seeded random 1–6 s after that restart (later, three
/// workshops are often all Published already: their mails go out in batches, one step is one activity).</summary>
[Collection(nameof(FaultSuite))]
[UnsupportedOSPlatform("windows")]
public sealed class KillsWhileWorkshopsRunLoseNothing(OwnAzurite azurite, Smtp4devFixture smtp4dev, ITestOutputHelper output)
{
    private const int Kills = 3;

    [Fact]
    [Trait("Category", "Fault")]
    public async Task OnTheEmbeddedEmulatorThreeWorkshopsReachPublishedWithNothingLostOrDoubled()
    {
        using var emulator = new EmbeddedEmulator();
        await RunAsync("kill -9 ×3, embedded emulator", () => FaultServers.EmbeddedAsync(emulator, smtp4dev.SmtpPort), emulator.Options.ConnectionString,
            workshops: 3, TimeSpan.FromMinutes(5), soak: false);
    }

    [SoakFact]
    [Trait("Category", "Soak")]
    public async Task OnTheEmbeddedEmulatorTenWorkshopsReachPublishedWithNothingLostOrDoubled()
    {
        using var emulator = new EmbeddedEmulator();
        await RunAsync("soak: kill -9 ×3, embedded emulator", () => FaultServers.EmbeddedAsync(emulator, smtp4dev.SmtpPort), emulator.Options.ConnectionString,
            workshops: 10, TimeSpan.FromMinutes(10), soak: true);
    }

    [SoakFact]
    [Trait("Category", "Soak")]
    public async Task OnTheFixtureAzuriteTenWorkshopsReachPublishedWithNothingLostOrDoubled() =>
        await RunAsync("soak: kill -9 ×3, fixture Azurite", () => FaultServers.OnStorageAsync(azurite.ConnectionString, smtp4dev.SmtpPort), azurite.ConnectionString,
            workshops: 10, TimeSpan.FromMinutes(10), soak: true);

    private static string Moment(int kill, int after) => kill switch
    {
        0 => "right after a decision was answered",
        1 => $"{after} ms after a page answered again",
        _ => $"{after} ms after the last restart",
    };

    /// <param name="soak">The soak waits for every mail a kill held up (up to two send leases); the default run
    /// checks the rest and lets those still wait.</param>
    private async Task RunAsync(string scenario, Func<Task<AppServer>> start, string storage, int workshops, TimeSpan deadline, bool soak)
    {
        var random = FaultRun.Seeded(scenario, output);
        var kills = 0;

        // The workshops wait for the donor until the last kill: a fast run must not end before it was struck each time.
        var struck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var figures = await FaultRun.RunAsync(scenario, start, storage, workshops, deadline,
            soak ? 2 * NotificationHandler.SendLease + TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(10), smtp4dev, output, async (server, fleet, running, took) =>
        {
            await Task.WhenAny(fleet.FirstDecisionAnswered, running);
            try
            {
                for (var k = 0; k < Kills && !running.IsCompleted; k++)
                {
                    var answered = fleet.Answers;
                    if (k == 1)
                    {
                        while (fleet.Answers <= answered && !running.IsCompleted) await Task.Delay(100);
                    }

                    var after = k switch { 0 => 0, 1 => random.Next(0, 3_000), _ => random.Next(1_000, 6_000) };
                    if (after > 0) await Task.WhenAny(Task.Delay(after), running);
                    if (running.IsCompleted) break;

                    server.Process.Kill();
                    kills++;
                    var answers = string.Join(", ", fleet.Ids.Select(id => fleet.Confirmed[id].Count));
                    output.WriteLine($"kill {kills} at {took.Elapsed.TotalSeconds:0.0} s ({Moment(k, after)}; pages answered per workshop so far: {answers})");
                    await Task.Delay(random.Next(0, 1_500));
                    await server.Process.StartAsync();
                    output.WriteLine($"  answering again after {server.Process.LastStartTime.TotalSeconds:0.0} s");
                }
            }
            finally
            {
                struck.TrySetResult();
            }

            return $"kills {kills}";
        }, struck.Task);

        Assert.Equal(Kills, kills);
        figures.AssertNothingLost(killed: true, waitedForLeases: soak);
    }
}
