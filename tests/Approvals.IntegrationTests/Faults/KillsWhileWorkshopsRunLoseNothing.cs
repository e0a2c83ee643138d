using System.Diagnostics;
using System.Runtime.Versioning;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Mail;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Faults;

/// <summary>kill -9 of the server at three moments (the first right after a decision page answered, the others at
/// seeded random delays) while workshops run to Published through their pages.</summary>
[Collection(nameof(FaultSuite))]
[UnsupportedOSPlatform("windows")]
public sealed class KillsWhileWorkshopsRunLoseNothing(OwnAzurite azurite, Smtp4devFixture smtp4dev, ITestOutputHelper output)
{
    private const int Kills = 3;

    [Fact]
    public async Task OnTheEmbeddedEmulatorThreeWorkshopsReachPublishedWithNothingLostOrDoubled()
    {
        using var emulator = new EmbeddedEmulator();
        await RunAsync("kill -9 ×3, embedded emulator", () => FaultServers.EmbeddedAsync(emulator, smtp4dev.SmtpPort), emulator.Options.ConnectionString,
            workshops: 3, TimeSpan.FromMinutes(5));
    }

    [SoakFact]
    [Trait("Category", "Soak")]
    public async Task OnTheEmbeddedEmulatorTenWorkshopsReachPublishedWithNothingLostOrDoubled()
    {
        using var emulator = new EmbeddedEmulator();
        await RunAsync("soak: kill -9 ×3, embedded emulator", () => FaultServers.EmbeddedAsync(emulator, smtp4dev.SmtpPort), emulator.Options.ConnectionString,
            workshops: 10, TimeSpan.FromMinutes(10));
    }

    [SoakFact]
    [Trait("Category", "Soak")]
    public async Task OnTheFixtureAzuriteTenWorkshopsReachPublishedWithNothingLostOrDoubled() =>
        await RunAsync("soak: kill -9 ×3, fixture Azurite", () => FaultServers.OnStorageAsync(azurite.ConnectionString, smtp4dev.SmtpPort), azurite.ConnectionString,
            workshops: 10, TimeSpan.FromMinutes(10));

    private async Task RunAsync(string scenario, Func<Task<AppServer>> start, string storage, int workshops, TimeSpan deadline)
    {
        var random = FaultRun.Seeded(scenario, output);
        var kills = 0;
        var figures = await FaultRun.RunAsync(scenario, start, storage, workshops, deadline, smtp4dev, output, async (server, fleet, running, took) =>
        {
            await Task.WhenAny(fleet.FirstDecisionAnswered, running);
            for (var k = 0; k < Kills && !running.IsCompleted; k++)
            {
                var after = k == 0 ? 0 : random.Next(3_000, 15_000);
                if (after > 0) await Task.WhenAny(Task.Delay(after), running);
                if (running.IsCompleted) break;

                server.Process.Kill();
                kills++;
                var answers = string.Join(", ", fleet.Ids.Select(id => fleet.Confirmed[id].Count));
                output.WriteLine($"kill {kills} at {took.Elapsed.TotalSeconds:0.0} s ({(k == 0 ? "right after a decision was answered" : $"{after} ms after the last restart")}; pages answered per workshop so far: {answers})");
                await Task.Delay(random.Next(0, 1_500));
                await server.Process.StartAsync();
                output.WriteLine($"  answering again after {server.Process.LastStartTime.TotalSeconds:0.0} s");
            }

            return $"kills {kills}";
        });

        Assert.Equal(Kills, kills);
        figures.AssertNothingLost();
    }
}
