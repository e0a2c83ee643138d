using System.Diagnostics;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Server;

[Collection(nameof(OwnServers))]
public class ServerRunsOrchestrations(OwnAzurite azurite, ITestOutputHelper output)
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnOrchestrationRunsToCompletionThroughTheSidecarOnAzurite()
    {
        await using var server = await ServerProcess.StartAsync(storage: azurite.ConnectionString);
        output.WriteLine($"server answered after {server.LastStartTime.TotalMilliseconds:0} ms");

        var id = await server.DurableClient.ScheduleNewOrchestrationInstanceAsync(DiagnosticTasks.Echo, "Beijing");
        var done = await server.DurableClient.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed, Patience);

        Assert.Equal("Hello, Beijing!", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task AnOrchestrationWaitingForAnEventContinuesAfterTheServerCrashedAndStartedAgain()
    {
        await using var server = await ServerProcess.StartAsync(storage: azurite.ConnectionString);
        var beforeCrash = await server.DurableClient.ScheduleNewOrchestrationInstanceAsync(DiagnosticTasks.WaitForSignal);
        var acrossCrash = await server.DurableClient.ScheduleNewOrchestrationInstanceAsync(DiagnosticTasks.WaitForSignal);
        await server.DurableClient.WaitForStatusAsync(acrossCrash, OrchestrationRuntimeStatus.Running, Patience);
        await SignalAndWaitAsync(server, beforeCrash, "MFA", "before the crash");

        server.Kill();
        await server.StartAsync();
        output.WriteLine($"server answered again after {server.LastStartTime.TotalMilliseconds:0} ms");

        var done = await SignalAndWaitAsync(server, acrossCrash, "MOFCOM", "after the restart");
        Assert.Equal("Hello, MOFCOM!", done.ReadOutputAs<string>());
    }

    async Task<OrchestrationMetadata> SignalAndWaitAsync(ServerProcess server, string instanceId, string payload, string when)
    {
        var raised = Stopwatch.StartNew();
        await server.DurableClient.RaiseEventAsync(instanceId, DiagnosticTasks.Signal, payload);
        var done = await server.DurableClient.WaitForStatusAsync(instanceId, OrchestrationRuntimeStatus.Completed, Patience);
        output.WriteLine($"event to completion {when}: {raised.ElapsedMilliseconds} ms");
        return done;
    }

    [Fact]
    public async Task TheServerStopsWithinSecondsOfSigterm()
    {
        await using var server = await ServerProcess.StartAsync(storage: azurite.ConnectionString);

        var stopping = Stopwatch.StartNew();
        Signals.Terminate(server.ProcessId);

        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(10)), server.Output());
        output.WriteLine($"stopped after {stopping.ElapsedMilliseconds} ms");
    }
}
