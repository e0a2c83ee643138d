using System.Diagnostics;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.Tests.Workflow;

public sealed class InstanceChangesTests
{
    [Fact]
    public async Task AWriteWakesEveryoneListeningForThatWorkshopAndNoOneElse()
    {
        var changes = new InstanceChanges();
        using var first = changes.Listen("ws-1");
        using var second = changes.Listen("ws-1");
        using var other = changes.Listen("ws-2");

        changes.Written("ws-1");

        await first.Written.WaitAsync(TimeSpan.FromSeconds(5));
        await second.Written.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(other.Written.IsCompleted);
    }

    [Fact]
    public void AWriteBeforeTheWatchDoesNotCountAndAWatchGivenUpIsForgotten()
    {
        var changes = new InstanceChanges();
        changes.Written("ws-1");
        var watch = changes.Listen("ws-1");
        Assert.False(watch.Written.IsCompleted);

        watch.Dispose();
        watch.Dispose();

        Assert.Equal(0, changes.Listened);
    }

    [Fact]
    public async Task RequestsWaitingOnOneWorkshopShareAReadUnderWayAndAFinishedOneIsNeverHandedOutAgain()
    {
        var changes = new InstanceChanges();
        var reads = 0;
        var storage = new TaskCompletionSource();
        async Task<int> Read()
        {
            var n = Interlocked.Increment(ref reads);
            await storage.Task;
            return n;
        }

        using var first = changes.Listen("ws-1");
        using var second = changes.Listen("ws-1");
        var (one, two) = (first.ReadOnceAsync(Read, default), second.ReadOnceAsync(Read, default));
        storage.SetResult();
        Assert.Equal((1, 1), (await one, await two));

        // No write was heard (another server made it, say), and the watches kept the entry: the next look still reads.
        Assert.Equal(2, await second.ReadOnceAsync(Read, default));
        Assert.Equal(2, reads);
    }

    [Theory]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/ApprovalsHubInstances(PartitionKey='ws-20261201-ab12',RowKey='')", "ws-20261201-ab12")]
    [InlineData("https://acct.table.core.windows.net/ApprovalsHubInstances(PartitionKey='ws-1-event',RowKey='')", "ws-1-event")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/ApprovalsHubInstances(PartitionKey='it%27%27s',RowKey='')", "it's")]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/ApprovalsHubHistory(PartitionKey='ws-1',RowKey='0')", null)]
    [InlineData("http://127.0.0.1:10002/devstoreaccount1/ApprovalsHubInstances()?$filter=x", null)]
    public void TheTaskHubsStatusRowNamesItsWorkshop(string uri, string? expected) =>
        Assert.Equal(expected, InstanceWritePolicy.InstanceOf(new Uri(uri)));

    [Fact]
    public async Task AWaitingReadLooksAgainAsSoonAsTheStatusIsWrittenAndNotOnATimerMeanwhile()
    {
        var changes = new InstanceChanges();
        var clock = Stopwatch.StartNew();
        var looks = new List<TimeSpan>();
        var answered = false;
        var writtenAt = TimeSpan.Zero;

        var done = await Polling.UntilAsync((_, _) =>
        {
            looks.Add(clock.Elapsed);
            if (looks.Count == 2)
            {
                // The answer is stored a little after the second look (1 s); the next look of its own comes 1.5 s later.
                _ = Task.Run(async () =>
                {
                    await Task.Delay(200);
                    answered = true;
                    writtenAt = clock.Elapsed;
                    changes.Written("ws-1");
                });
            }

            return Task.FromResult(answered);
        }, TimeSpan.FromSeconds(20), () => changes.Listen("ws-1"), default);

        Assert.True(done);
        // Woken by the write, not by the next look of its own schedule.
        Assert.Equal(3, looks.Count);
        Assert.True(looks[2] - writtenAt < TimeSpan.FromSeconds(1), $"looks at {string.Join(", ", looks)}; written at {writtenAt}");
        Assert.Equal(0, changes.Listened);
    }

    [Fact]
    public async Task AWaitForTheAnswerToAnEventJustRaisedReadsNothingBeforeTheWorkflowWrites()
    {
        var changes = new InstanceChanges();
        var clock = Stopwatch.StartNew();
        var looks = new List<TimeSpan>();
        var answered = false;
        var since = changes.Listen("ws-1");

        // The workflow takes the event and stores its answer 300 ms after the raise.
        var writtenAt = TimeSpan.Zero;
        _ = Task.Run(async () =>
        {
            await Task.Delay(300);
            answered = true;
            writtenAt = clock.Elapsed;
            changes.Written("ws-1");
        });
        var done = await Polling.UntilAsync((_, _) =>
        {
            looks.Add(clock.Elapsed);
            return Task.FromResult(answered);
        }, TimeSpan.FromSeconds(20), () => changes.Listen("ws-1"), since, default);
        since.Dispose();

        Assert.True(done);
        // One look, after the write: a look at once would have found nothing and cost a read.
        Assert.Single(looks);
        Assert.True(looks[0] >= writtenAt && looks[0] - writtenAt < TimeSpan.FromMilliseconds(500), $"looked at {looks[0]}; written at {writtenAt}");
        Assert.Equal(0, changes.Listened);
    }

    [Fact]
    public async Task AWaitForAnAnswerThatNoWriteAnnouncesStillLooksAfterASecond()
    {
        var changes = new InstanceChanges();
        var clock = Stopwatch.StartNew();
        var looks = new List<TimeSpan>();
        using var since = changes.Listen("ws-1");

        // Answered by another server: this one hears no write.
        var done = await Polling.UntilAsync((_, _) =>
        {
            looks.Add(clock.Elapsed);
            return Task.FromResult(true);
        }, TimeSpan.FromSeconds(20), () => changes.Listen("ws-1"), since, default);

        Assert.True(done);
        Assert.Single(looks);
        Assert.InRange(looks[0], TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
    }

    /// <summary>What the task hub's merge of a status row looks like (taken from a run): the custom status, and the
    /// runtime status only when it changes.</summary>
    private const string EpisodeWrite = """
        {"PartitionKey":"ws-1","RowKey":"","CustomStatus":"{\u0022Stage\u0022:\u0022Nominations\u0022,\u0022Round\u0022:0,\u0022Answers\u0022:[{\u0022Receipt\u0022:\u0022DecisionRecorded-InternalReview-0\u0022,\u0022Used\u0022:true,\u0022Why\u0022:null}],\u0022Stuck\u0022:null}","ExecutionId":"e2f8","LastUpdatedTime":"2026-12-02T03:57:48.8223382Z","LastUpdatedTime@odata.type":"Edm.DateTime"}
        """;

    [Fact]
    public void AWriteOfTheStatusRowSaysWhatItStoredAndAnythingElseSaysNothing()
    {
        var stored = InstanceWritePolicy.StoredBy(Azure.Core.RequestContent.Create(BinaryData.FromString(EpisodeWrite)));

        var (status, completed) = WorkflowAnswers.FromWrite(stored!)!.Value;
        Assert.Equal(Stage.Nominations, status!.Stage);
        Assert.Equal("DecisionRecorded-InternalReview-0", Assert.Single(status.Answers!).Receipt);
        Assert.False(completed);

        var ended = InstanceWritePolicy.StoredBy(Azure.Core.RequestContent.Create(BinaryData.FromString(
            """{"CustomStatus":"{\"Stage\":\"Published\",\"Round\":0}","RuntimeStatus":"Completed"}""")));
        Assert.True(WorkflowAnswers.FromWrite(ended!)!.Value.Completed);

        Assert.Null(InstanceWritePolicy.StoredBy(Azure.Core.RequestContent.Create(BinaryData.FromString("""{"RuntimeStatus":"Running","Input":"{}"}"""))));
        Assert.Null(InstanceWritePolicy.StoredBy(Azure.Core.RequestContent.Create(BinaryData.FromString("not json"))));
        Assert.Null(WorkflowAnswers.FromWrite(new InstanceChanges.Stored("", "Running")));
    }

    [Fact]
    public async Task TheLookAfterAWriteIsHandedWhatTheWriteStoredAndAfterItsOwnTimerNothing()
    {
        var changes = new InstanceChanges();
        var known = new List<InstanceChanges.Stored?>();
        var stored = new InstanceChanges.Stored("{}", null);
        using var since = changes.Listen("ws-1");
        _ = Task.Run(async () =>
        {
            await Task.Delay(200);
            changes.Written("ws-1", stored);
        });

        var done = await Polling.UntilAsync((watch, _) =>
        {
            known.Add(watch!.Known);
            return Task.FromResult(known.Count == 2);
        }, TimeSpan.FromSeconds(20), () => changes.Listen("ws-1"), since, default);

        Assert.True(done);
        // The first look follows the write; the second, a second later, its own schedule.
        Assert.Equal([stored, null], known);
    }
}
