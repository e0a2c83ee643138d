using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.Functions.Timers;
using Approvals.IntegrationTests.Audit;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Retention;
using Approvals.Status;
using Approvals.Workflow;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Retention;

/// <summary>A finished workshop's Durable history is purged after Approvals:PurgeAfter, by the server's loop and by the
/// Functions timer; its status, nominations and audit trail still answer from our own tables, and a workshop still in
/// progress keeps its history.</summary>
[Collection(nameof(OwnServers))]
public sealed class PurgedWorkshopsStillAnswerTests(OwnAzurite storage, ITestOutputHelper output)
{
    const string Manager = "project.manager@iom.example.org";

    [Fact]
    public async Task TheServerPurgesAFinishedWorkshopsHistoryAndItsStatusStillAnswers()
    {
        await using var server = await StartAsync(purgeAfter: "00:00:03", purgeInterval: "00:00:01");
        var (finished, before) = await FinishedWithNominationsAsync(server);
        var (running, _) = await server.SubmitAsync();

        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.WaitFor(async () => await server.Process.DurableClient.GetInstanceAsync(finished) is null, seconds: 30);
        output.WriteLine($"Purged {waited.Elapsed.TotalSeconds:0.0} s after the workshop was cancelled (PurgeAfter 3 s, every 1 s).");

        await AnswersAsBeforeAsync(server, finished, before);
        var stillRunning = await server.StatusAsync(running);
        Assert.Equal(nameof(OrchestrationRuntimeStatus.Running), stillRunning.RuntimeStatus);
        Assert.NotNull(await server.Process.DurableClient.GetInstanceAsync(running));
    }

    [Fact]
    public async Task TheFunctionsTimerPurgesOnlyWhatFinishedBeforeTheCutoff()
    {
        // The server's own loop waits an hour: what is purged here is the timer function's doing.
        await using var server = await StartAsync(purgeAfter: "1.00:00:00", purgeInterval: "01:00:00");
        var (finished, before) = await FinishedWithNominationsAsync(server);
        var (running, _) = await server.SubmitAsync();
        var client = server.Process.DurableClient;

        await Timer(TimeSpan.FromDays(1)).PurgeFinishedHistory(new(), client, CancellationToken.None);
        Assert.NotNull(await client.GetInstanceAsync(finished));

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await Timer(TimeSpan.FromSeconds(1)).PurgeFinishedHistory(new(), client, CancellationToken.None);

        Assert.Null(await client.GetInstanceAsync(finished));
        Assert.NotNull(await client.GetInstanceAsync(running));
        await AnswersAsBeforeAsync(server, finished, before);
    }

    static HistoryPurgeFunctions Timer(TimeSpan purgeAfter) =>
        new(new HistoryPurge(Options.Create(new ApprovalsOptions { PurgeAfter = purgeAfter }), TimeProvider.System, NullLogger<HistoryPurge>.Instance));

    async Task<AppServer> StartAsync(string purgeAfter, string purgeInterval)
    {
        var server = new AppServer(new Dictionary<string, string?>
        {
            ["Approvals__PurgeAfter"] = purgeAfter,
            ["Approvals__PurgeInterval"] = purgeInterval,
        }, storage.ConnectionString);
        await server.InitializeAsync();
        return server;
    }

    /// <summary>Approved, a ministry's slate received, then cancelled: a finished workshop with something in each of our tables.</summary>
    static async Task<(string Id, WorkshopStatus Status)> FinishedWithNominationsAsync(AppServer server)
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var review = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager);
        (await server.Http.PostAsync($"api/decisions/{review}", new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve" })))
            .EnsureSuccessStatusCode();
        await server.WaitForStageAsync(id, Stage.Nominations);

        var nomination = AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, "MOFCOM", "focal.mofcom@gov.example.cn");
        (await server.Http.PostAsync($"api/nominations/{nomination}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["nominees[0].name"] = "Wang Fang",
            ["nominees[0].nameZh"] = "王芳",
            ["nominees[0].position"] = "Deputy Director",
            ["nominees[0].sex"] = "female",
            ["nominees[0].email"] = "wang.fang@mofcom.example.cn",
        }))).EnsureSuccessStatusCode();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Nominations.Total == 1);

        var cancel = await server.Http.PostAsJsonAsync($"api/workshops/{id}/cancel", new JsonObject { ["reason"] = "Venue closed" });
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var status = await server.WaitForStageAsync(id, Stage.Cancelled);
        await Eventually.WaitFor(async () => (await server.Process.DurableClient.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        return (id, await server.StatusAsync(id));
    }

    /// <summary>What a manager sees of the purged workshop: the same stage, nominations and history, and the audit export.</summary>
    static async Task AnswersAsBeforeAsync(AppServer server, string id, WorkshopStatus before)
    {
        var after = await server.StatusAsync(id);
        Assert.Equal((Stage.Cancelled, StatusQuery.Purged), (after.Stage, after.RuntimeStatus));
        Assert.Equal(nameof(OrchestrationRuntimeStatus.Completed), before.RuntimeStatus);
        Assert.Equal((1, 1), (after.Nominations.Total, after.Nominations.ByMinistry["MOFCOM"]));
        Assert.Equal(before.History.Select(h => (h.At, h.Action, h.Comment)), after.History.Select(h => (h.At, h.Action, h.Comment)));
        Assert.Contains(after.History, h => h.Action == AuditActions.Cancelled && h.Comment == "Venue closed");

        var csv = await AuditCsvFile.ReadAsync(await server.Http.GetByteArrayAsync($"api/workshops/{id}/audit.csv"));
        Assert.Equal(before.History.Count, csv.Rows.Count);
    }
}
