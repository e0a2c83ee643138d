using System.Diagnostics;
using System.Net;
using System.Runtime.Versioning;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Server.Azurite;
using Approvals.Server.Hosting;
using Approvals.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>The server as a user runs it: on its own embedded emulator (here in a temp data folder on free ports).</summary>
[Collection(nameof(OwnServers))]
[UnsupportedOSPlatform("windows")]
public sealed class CrashOnTheEmbeddedEmulatorLosesNothing(ITestOutputHelper output) : IDisposable
{
    private const string Manager = "project.manager@iom.example.org";

    // Measured on a loaded 2-core machine: 6, 31 and 32 s from the kill (the restart itself 2–4 s). The bound is the dead
    // worker's partition leases (30 s, taken up at the next 10 s check) and the messages it had dequeued (visible again
    // after 30 s), about 45 s; the rest is headroom for a slow run.
    private static readonly TimeSpan MovesOnWithin = TimeSpan.FromSeconds(120);

    private readonly string location = Directory.CreateTempSubdirectory("embedded-azurite-").FullName;
    private readonly int[] ports = LoopbackPorts.GetFree(3);

    [Fact]
    public async Task ADecisionAnsweredJustBeforeAKillIsKeptAndTheWorkshopMovesOnAfterARestart()
    {
        var server = await StartServerAsync();
        try
        {
            var (id, _) = await server.SubmitAsync();
            await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
            var emulator = Emulator();

            var decided = await server.Http.PostAsync($"api/decisions/{ReviewToken(id)}",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = "" }));
            server.Process.Kill();
            var sinceKill = Stopwatch.StartNew();

            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            Assert.True(PosixProcesses.IsRunning(emulator), "The emulator died with the server.");
            await server.Process.StartAsync();
            var restarted = sinceKill.Elapsed;
            var status = await server.WaitForStageAsync(id, Stage.Nominations, seconds: (int)MovesOnWithin.TotalSeconds);
            output.WriteLine($"Killed → answering again {restarted.TotalSeconds:0.0} s, → Nominations {sinceKill.Elapsed.TotalSeconds:0.0} s");

            Assert.Equal(emulator, Emulator());
            var decision = Assert.Single(status.History, h => h.Action == "DecisionApprove");
            Assert.Equal(Manager, decision.Actor);
            Assert.True(sinceKill.Elapsed < MovesOnWithin);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGHUP")]
    public async Task StoppingTheServerStopsTheEmulatorItStartedAfterItSaved(string signal)
    {
        var server = await StartServerAsync();
        try
        {
            var emulator = Emulator();
            var (id, submitted) = await server.SubmitAsync();
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

            if (signal == "SIGHUP") Signals.HangUp(server.Process.ProcessId);
            else Signals.Terminate(server.Process.ProcessId);

            Assert.True(await server.Process.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"The server ignored {signal}.");
            Assert.False(PosixProcesses.IsRunning(emulator), $"The emulator (pid {emulator}) outlived the server's {signal}.");
            Assert.Null(DetachedAzurite.Read(location));
            Assert.DoesNotContain(ports, LoopbackPorts.IsListening);
            Assert.Contains(id, await File.ReadAllTextAsync(Path.Combine(location, "__azurite_db_table__.json")), StringComparison.Ordinal);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static string ReviewToken(string id) => AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager);

    private async Task<AppServer> StartServerAsync()
    {
        var server = new AppServer(new Dictionary<string, string?>
        {
            [$"{Key(EmbeddedAzurite.Section)}__Location"] = location,
            [$"{Key(EmbeddedAzurite.Section)}__BlobPort"] = $"{ports[0]}",
            [$"{Key(EmbeddedAzurite.Section)}__QueuePort"] = $"{ports[1]}",
            [$"{Key(EmbeddedAzurite.Section)}__TablePort"] = $"{ports[2]}",
        }, EmbeddedAzurite.DevelopmentStorage);
        await server.InitializeAsync();
        return server;
    }

    private static string Key(string section) => section.Replace(":", "__", StringComparison.Ordinal);

    private int Emulator() => DetachedAzurite.Read(location)?.ProcessId
        ?? throw new InvalidOperationException($"No emulator recorded in {location}.");

    /// <summary>Stops the emulator a server left behind (by its recorded pid) and deletes its data folder.</summary>
    public void Dispose()
    {
        DetachedAzurite.StopRecorded(location, TimeSpan.FromSeconds(10), NullLogger.Instance);
        ChildProcess.DeleteFolderQuietly(location);
    }
}
