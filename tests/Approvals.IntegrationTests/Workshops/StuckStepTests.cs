using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Data.Tables;

namespace Approvals.IntegrationTests.Workshops;

/// <summary>A step whose storage is gone, on the real server: the table announcements are written to is deleted (as a
/// cleanup script or an operator in Storage Explorer might), so publishing fails on every try until a person creates it
/// again. Its own server, because the table is everyone's and the retries are shortened to a tenth of a second.</summary>
[Collection(nameof(OwnServers))]
public sealed class StuckStepTests(OwnAzurite azurite)
{
    private const string Liaison = "liaison.office@iom.example.org";

    [Fact]
    public async Task PublishingIntoADeletedTableIsStuckNotFailedMailsTheEscalationContactsOnceAndPublishesWhenRetriedAfterTheFix()
    {
        var server = new AppServer(new() { ["Approvals__Timing__ActivityRetryInterval"] = "00:00:00.100" }, azurite.ConnectionString);
        await server.InitializeAsync();
        var tables = new TableServiceClient(azurite.ConnectionString);
        try
        {
            var (id, _) = await server.SubmitAsync();
            var (other, _) = await server.SubmitAsync();
            await ToDonorSignOff(server, id);
            await tables.DeleteTableAsync(StorageNames.Announcements);

            await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
                new DecisionRecorded(Stage.DonorSignOff, 0, "programme.manager@eeas.example.eu", Decision.Approve, null, null, DateTimeOffset.UtcNow));
            var stuck = await Eventually.Until(() => server.StatusAsync(id), s => s.Stuck is not null, TimeSpan.FromSeconds(60),
                s => $"{id} never showed a stuck step: {s.Stage}/{s.RuntimeStatus}.{Environment.NewLine}{server.Process.Output()}");

            Assert.Equal((Stage.DonorSignOff, "Running"), (stuck.Stage, stuck.RuntimeStatus));
            Assert.Equal(nameof(Approvals.Publication.PublishAnnouncement), stuck.Stuck!.Step);
            Assert.Contains("TableNotFound", stuck.Stuck.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', stuck.Stuck.Reason);
            Assert.InRange(stuck.Stuck.Since, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);

            // The history and the dashboard get their copy just after the status shows it.
            var recorded = await Eventually.Until(() => server.StatusAsync(id), s => s.History.Any(h => h.Action == AuditActions.StepStuck), TimeSpan.FromSeconds(30));
            Assert.Contains("TableNotFound", recorded.History.Single(h => h.Action == AuditActions.StepStuck).Comment, StringComparison.Ordinal);
            var dashboard = await server.Http.GetStringAsync("api/dashboard");
            var stuckList = dashboard.IndexOf("Stuck — needs a person", StringComparison.Ordinal);
            Assert.InRange(dashboard.IndexOf(id, StringComparison.Ordinal), stuckList, dashboard.IndexOf("Next deadline", StringComparison.Ordinal));

            // Nothing is stuck on the other workshop: its retry is refused and changes nothing.
            var before = await server.StatusAsync(other);
            using var refused = await server.Http.PostAsync($"api/workshops/{other}/retry", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(AppServer.Problem(await refused.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty("stuck", out _));
            var after = await server.StatusAsync(other);
            Assert.Equal((before.Stage, before.History.Count), (after.Stage, after.History.Count));
            Assert.Null(after.Stuck);

            // Retried before the fix: it fails again and stays stuck, and nobody is mailed a second time.
            using (var early = await server.Http.PostAsync($"api/workshops/{id}/retry", null)) Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
            await Eventually.WaitFor(async () => (await server.StatusAsync(id)).History.Count(h => h.Action == AuditActions.StepStuck) == 2, seconds: 60);
            Assert.Equal(stuck.Stuck.Since, (await server.StatusAsync(id)).Stuck?.Since);

            await tables.CreateTableIfNotExistsAsync(StorageNames.Announcements);
            using (var retried = await server.Http.PostAsync($"api/workshops/{id}/retry", null)) Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            await server.WaitForStageAsync(id, Stage.Published, seconds: 60);
            var published = await Eventually.Until(() => server.StatusAsync(id), s => s.RuntimeStatus == "Completed", TimeSpan.FromSeconds(30));

            Assert.Null(published.Stuck);
            Assert.Contains(published.History, h => h.Action == AuditActions.StepRetried);
            using (var announcement = await server.Http.GetAsync($"api/events/{id}")) Assert.Equal(HttpStatusCode.OK, announcement.StatusCode);
            using (var again = await server.Http.PostAsync($"api/workshops/{id}/retry", null)) Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            var alarms = await Eventually.Until(async () => (await server.MailsAsync(id)).Where(m => m.Kind == NotificationKind.StepStuck).ToList(),
                found => found.Count > 0, TimeSpan.FromSeconds(30));
            var alarm = Assert.Single(alarms);
            Assert.Equal(Liaison, alarm.To);
            Assert.Contains("publish the announcement (PublishAnnouncement)", alarm.Text, StringComparison.Ordinal);
            Assert.Contains("TableNotFound", alarm.Text, StringComparison.Ordinal);
            Assert.Contains($"/api/workshops/{id}/retry", alarm.Text, StringComparison.Ordinal);
        }
        finally
        {
            await tables.CreateTableIfNotExistsAsync(StorageNames.Announcements);
            await server.DisposeAsync();
        }
    }

    private static async Task ToDonorSignOff(AppServer server, string id)
    {
        var client = server.Process.DurableClient;
        await client.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.Nominations);
        await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(
            new Slate("MFA", [new Nominee("Tian Lin", "田林", "Counsellor", Sex.Male, "tian.lin@mfa.example.cn")], false, "focal.mfa@gov.example.cn", DateTimeOffset.UtcNow), null));
        foreach (var ministry in new[] { "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "SAFEA", "NHFPC" })
        {
            await client.RaiseEventAsync(id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(new Slate(ministry, [], true, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", DateTimeOffset.UtcNow), null));
        }

        await server.WaitForStageAsync(id, Stage.DonorSignOff, seconds: 60);
    }
}
