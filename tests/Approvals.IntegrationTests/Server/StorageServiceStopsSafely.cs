using Approvals.IntegrationTests.Infrastructure;
using Approvals.Server.Durable;
using DurableTask.AzureStorage;

namespace Approvals.IntegrationTests.Server;

/// <summary>
/// The sidecar stops the storage service on an async-void path, where an exception ends the server. Stopping it before
/// it started, or while its start is still creating tables, throws in the service itself: the guard makes both a no-op
/// or a wait. (The unguarded race ended the test process in CI: a NullReferenceException in StopAsync.)
/// </summary>
[Collection(nameof(OwnServers))]
public sealed class StorageServiceStopsSafely(OwnAzurite azurite)
{
    AzureStorageOrchestrationService NewService() => new(new AzureStorageOrchestrationServiceSettings
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
        TaskHubName = TestAzurite.UniqueName("Stop"),
    });

    [Fact]
    public async Task TheUnguardedServiceThrowsWhenStoppedBeforeItStarted()
    {
        // The fault the guard exists for: if this stops throwing, the guard may go.
        await Assert.ThrowsAsync<NullReferenceException>(() => NewService().StopAsync());
    }

    [Fact]
    public async Task AStopBeforeAnyStartDoesNothing()
    {
        var guarded = StartStopGuard.Wrap(NewService());

        await guarded.StopAsync();
    }

    [Fact]
    public async Task AStopWhileTheStartIsUnderWayWaitsForItAndThenStops()
    {
        var service = NewService();
        var guarded = StartStopGuard.Wrap(service);

        var start = guarded.StartAsync();
        await guarded.StopAsync(false);

        Assert.True(start.IsCompletedSuccessfully);
        // Stopped for real: a second start is allowed again (a running service refuses one).
        await guarded.StartAsync();
        await guarded.StopAsync();
    }

    [Fact]
    public async Task EverythingElseReachesTheService()
    {
        var service = NewService();
        var guarded = StartStopGuard.Wrap(service);

        Assert.Equal(service.MaxConcurrentTaskOrchestrationWorkItems, guarded.MaxConcurrentTaskOrchestrationWorkItems);
        await guarded.CreateIfNotExistsAsync();
        Assert.Equal(service.TaskOrchestrationDispatcherCount, guarded.TaskOrchestrationDispatcherCount);
    }
}
