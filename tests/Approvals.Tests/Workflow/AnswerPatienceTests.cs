using System.Diagnostics;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Approvals.Tests.Workflow;

public sealed class AnswerPatienceTests
{
    [Fact]
    public async Task AReadOfTheStatusThatHangsStillEndsThePagesWaitAtItsPatience()
    {
        await using var client = new HangingClient();
        var clock = Stopwatch.StartNew();

        var answer = await client.AnswerToAsync("ws-1", "receipt", _ => true, TimeSpan.FromSeconds(1), since: null, default);

        Assert.Equal(Hearing.Unconfirmed, answer.Hearing);
        // Patience and the grace for a read under way; without the bound the page waited as long as the read did.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
        Assert.True(client.Reads >= 1);
    }

    [Fact]
    public async Task AWaitForARunToStartEndsAtItsPatienceTooWhenTheReadHangs()
    {
        await using var client = new HangingClient();
        var clock = Stopwatch.StartNew();

        Assert.False(await client.WaitUntilStartedAsync("ws-1", TimeSpan.FromSeconds(1), default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
    }

    /// <summary>Storage so overloaded that a status read never comes back.</summary>
    private sealed class HangingClient() : DurableTaskClient("hanging")
    {
        public int Reads { get; private set; }

        public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
        {
            Reads++;
            await Task.Delay(Timeout.Infinite, cancellation);
            return null;
        }

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();
        public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
