using System.Net;
using Approvals.Contacts;
using Approvals.Events;
using Approvals.Functions.Http;
using Approvals.Functions.Queues;
using Approvals.Functions.Timers;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Participants;
using Approvals.Publication;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The functions.metadata the Functions SDK generates — what the Functions host indexes in Azure — checked
/// function by function, and its HTTP routes against the route table of the running server.</summary>
[Collection(SharedServer.Alone)]
public sealed class FunctionsMetadataTests(ServerRouteTable server, ITestOutputHelper output) : IClassFixture<ServerRouteTable>
{
    const string Function = "Function";
    const string Anonymous = "Anonymous";

    /// <summary>Served by the server alone, each with the reason; everything else must exist in both hosts.</summary>
    static readonly Dictionary<HttpRoute, string> ServerOnly = new()
    {
        [new("GET", "/api/ping")] = "the server's liveness probe for tests and scripts; the Functions host has its own /admin/host/status",
        [new("GET", "/healthz")] = Probes,
        [new("GET", "/readyz")] = Probes,
        [new("GET", "/dev/mailbox")] = Mailbox,
        [new("GET", "/dev/mailbox/messages")] = Mailbox,
        [new("GET", "/dev/mailbox/{id}")] = Mailbox,
        [new("GET", "/dev/mailbox/{id}/raw")] = Mailbox,
    };

    const string Probes = "the probes at the root, where container platforms look by convention; both hosts serve them under /api "
        + "(the Functions host's route prefix)";

    const string Mailbox = "the local mailbox is the server's development tool (MapApprovalsMailbox: server only), outside the Functions "
        + "route prefix; mail captured by func start lands in the same blob container, which a server on the same storage shows";

    sealed record Expected(string Name, string Trigger, string? Route = null, string[]? Verbs = null, string? Auth = null, string? Queue = null, string? Schedule = null);

    static Expected Http(string name, string auth, string route, params string[] verbs) => new(name, "httpTrigger", route, verbs, auth);

    /// <summary>Staff and manager API: Function keys. The dashboard: anonymous to the host, the page checks the staff key
    /// itself (a browser sends it by HTTP Basic, which the host does not read). Links in mails: anonymous, the signed
    /// token is the credential. Published events: anonymous, they are public.</summary>
    static readonly Expected[] Functions =
    [
        Http(nameof(WorkshopFunctions.SubmitWorkshop), Function, "workshops", "post"),
        Http(nameof(WorkshopFunctions.ListWorkshops), Function, "workshops", "get"),
        Http(nameof(WorkshopFunctions.GetWorkshop), Function, "workshops/{id}", "get"),
        Http(nameof(WorkshopFunctions.ResubmitProposal), Function, "workshops/{id}/proposal", "put"),
        Http(nameof(WorkshopFunctions.CancelWorkshop), Function, "workshops/{id}/cancel", "post"),
        Http(nameof(WorkshopFunctions.RetryWorkshopStep), Function, "workshops/{id}/retry", "post"),
        Http(nameof(AfterPublicationFunctions.PostponeWorkshop), Function, "workshops/{id}/postpone", "post"),
        Http(nameof(AttendanceFunctions.RecordAttendance), Function, "workshops/{id}/attendance", "put"),
        Http(nameof(AttendanceFunctions.ShowAttendancePage), Anonymous, "dashboard/workshops/{id}/attendance", "get"),
        Http(nameof(AttendanceFunctions.SaveAttendancePage), Anonymous, "dashboard/workshops/{id}/attendance", "post"),
        Http(nameof(ReportFunctions.ExportWorkshopParticipantsCsv), Function, "workshops/{id}/participants.csv", "get"),
        Http(nameof(ReportFunctions.ExportWorkshopParticipantsXlsx), Function, "workshops/{id}/participants.xlsx", "get"),
        Http(nameof(ReportFunctions.ExportProgrammeParticipants), Function, "reports/participants", "get"),
        Http(nameof(ReportFunctions.DownloadWorkshopParticipantsCsv), Anonymous, "dashboard/workshops/{id}/participants.csv", "get"),
        Http(nameof(ReportFunctions.DownloadWorkshopParticipantsXlsx), Anonymous, "dashboard/workshops/{id}/participants.xlsx", "get"),
        Http(nameof(WorkshopFunctions.ShowDashboard), Anonymous, "dashboard", "get"),
        Http(nameof(WorkshopFunctions.ShowWorkshopDashboard), Anonymous, "dashboard/workshops/{id}", "get"),
        Http(nameof(WorkshopFunctions.DownloadWorkshopAudit), Anonymous, "dashboard/workshops/{id}/audit.csv", "get"),
        Http(nameof(WorkshopFunctions.DownloadWorkshopStatus), Anonymous, "dashboard/workshops/{id}/status.json", "get"),
        Http(nameof(AuditFunctions.ExportWorkshopAudit), Function, "workshops/{id}/audit.csv", "get"),
        Http(nameof(AuditFunctions.ExportAudit), Function, "audit.csv", "get"),
        Http(nameof(HealthFunctions.CheckLiveness), Anonymous, "healthz", "get"),
        Http(nameof(HealthFunctions.CheckReadiness), Anonymous, "readyz", "get"),
        Http(nameof(DirectoryFunctions.GetDirectory), Function, "directory", "get"),
        Http(nameof(DirectoryFunctions.ReplaceDirectory), Function, "directory", "put"),
        Http(nameof(DirectoryFunctions.ListDirectoryChanges), Function, "directory/changes", "get"),
        Http(nameof(DirectoryFunctions.ReassignRequest), Function, "workshops/{id}/reassign", "post"),
        Http(nameof(DiagnosticsFunctions.CountStorageRequests), Function, "diagnostics/storage-requests", "get"),
        Http(nameof(EventFunctions.ListEvents), Anonymous, "events", "get"),
        Http(nameof(EventFunctions.ShowEvent), Anonymous, "events/{id}", "get"),
        Http(nameof(LinkFunctions.ShowDecision), Anonymous, "decisions/{token}", "get", "head"),
        Http(nameof(LinkFunctions.Decide), Anonymous, "decisions/{token}", "post"),
        Http(nameof(LinkFunctions.ShowNominationForm), Anonymous, "nominations/{token}", "get", "head"),
        Http(nameof(LinkFunctions.SubmitNominations), Anonymous, "nominations/{token}", "post"),
        Http(nameof(RosterLinkFunctions.ShowAnswerForm), Anonymous, "answers/{token}", "get", "head"),
        Http(nameof(RosterLinkFunctions.SubmitAnswer), Anonymous, "answers/{token}", "post"),
        Http(nameof(RosterLinkFunctions.ShowParticipantList), Anonymous, "substitutions/{token}", "get", "head"),
        Http(nameof(RosterLinkFunctions.SubmitSubstitution), Anonymous, "substitutions/{token}", "post"),
        new(nameof(WorkshopOrchestration), "orchestrationTrigger"),
        new(nameof(LoadDirectory), "activityTrigger"),
        new(nameof(RecordProgress), "activityTrigger"),
        new(nameof(RecordStep), "activityTrigger"),
        new(nameof(SendNotifications), "activityTrigger"),
        new(nameof(SaveSlate), "activityTrigger"),
        new(nameof(PublishAnnouncement), "activityTrigger"),
        new(nameof(RecordStuck), "activityTrigger"),
        new(nameof(WorkshopEvent), "orchestrationTrigger"),
        new(nameof(AnnounceChange), "activityTrigger"),
        new(nameof(RecordAnswer), "activityTrigger"),
        new(nameof(ApplySubstitution), "activityTrigger"),
        new(nameof(RemindParticipants), "activityTrigger"),
        new(nameof(NotificationFunctions.DeliverNotification), "queueTrigger", Queue: StorageNames.NotificationsQueue),
        new(nameof(DecisionRecoveryFunctions.RecoverDecisions), "timerTrigger", Schedule: DecisionRecoveryFunctions.Schedule),
        new(nameof(HistoryPurgeFunctions.PurgeFinishedHistory), "timerTrigger", Schedule: HistoryPurgeFunctions.Schedule),
    ];

    /// <summary>Anonymous to the Functions host, but the application asks for the staff key in both hosts.</summary>
    static readonly HashSet<string> KeyCheckedByTheApp =
    [
        nameof(WorkshopFunctions.ShowDashboard), nameof(WorkshopFunctions.ShowWorkshopDashboard),
        nameof(WorkshopFunctions.DownloadWorkshopAudit), nameof(WorkshopFunctions.DownloadWorkshopStatus),
        nameof(AttendanceFunctions.ShowAttendancePage), nameof(AttendanceFunctions.SaveAttendancePage),
        nameof(ReportFunctions.DownloadWorkshopParticipantsCsv), nameof(ReportFunctions.DownloadWorkshopParticipantsXlsx),
    ];

    static IEnumerable<HttpRoute> RoutesOf(FunctionMetadata f) =>
        (f.Trigger.Methods.Count == 0 ? [HttpRoute.AnyVerb] : f.Trigger.Methods).Select(m => new HttpRoute(m.ToUpperInvariant(), FunctionsOutput.PathOf(f)));

    static IReadOnlyList<FunctionMetadata> HttpFunctions() => FunctionsOutput.Metadata().Where(f => f.Trigger.Type == "httpTrigger").ToList();

    [Fact]
    public void EveryFunctionIsGeneratedWithItsTriggerRouteVerbsAndAuthLevel()
    {
        var metadata = FunctionsOutput.Metadata().ToDictionary(f => f.Name);

        Assert.Equal(Functions.Select(f => f.Name).Order(), metadata.Keys.Order());
        foreach (var expected in Functions)
        {
            var trigger = metadata[expected.Name].Trigger;
            Assert.True(expected.Trigger == trigger.Type, $"{expected.Name}: {trigger.Type}, expected {expected.Trigger}");
            Assert.True(expected.Route == trigger.Route, $"{expected.Name}: route {trigger.Route}, expected {expected.Route}");
            Assert.True((expected.Verbs ?? []).Order().SequenceEqual(trigger.Methods.Select(m => m.ToLowerInvariant()).Order()),
                $"{expected.Name}: verbs {string.Join(",", trigger.Methods)}, expected {string.Join(",", expected.Verbs ?? [])}");
            Assert.True(expected.Auth == trigger.AuthLevel, $"{expected.Name}: auth level {trigger.AuthLevel}, expected {expected.Auth}");
            Assert.True(expected.Queue == trigger.QueueName, $"{expected.Name}: queue {trigger.QueueName}, expected {expected.Queue}");
            Assert.True(expected.Schedule == trigger.Schedule, $"{expected.Name}: schedule {trigger.Schedule}, expected {expected.Schedule}");

            // No connection named: the one storage account, AzureWebJobsStorage, as the library's StorageAccount uses.
            Assert.Null(trigger.Connection);
            if (expected.Trigger == "httpTrigger")
            {
                // ASP.NET Core integration: the IActionResult comes back through the $return http binding.
                Assert.Contains(metadata[expected.Name].Bindings, b => b is { Type: "http", Direction: "Out", Name: "$return" });
            }
        }
    }

    [Fact]
    public void TheOrchestratorAndActivityFunctionsAreTheLibrarysWorkflow()
    {
        var library = typeof(WorkshopOrchestration).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && (typeof(ITaskOrchestrator).IsAssignableFrom(t) || typeof(ITaskActivity).IsAssignableFrom(t)))
            .Select(t => t.Name);
        var functions = FunctionsOutput.Metadata()
            .Where(f => f.Trigger.Type is "orchestrationTrigger" or "activityTrigger")
            .Select(f => f.Name);

        Assert.Equal(library.Order(), functions.Order());
    }

    [Fact]
    public void TheHttpFunctionsServeExactlyTheServersRoutes()
    {
        var functions = HttpFunctions().SelectMany(RoutesOf).ToHashSet();
        var served = server.Routes.Where(r => !ServerOnly.ContainsKey(r)).ToHashSet();
        output.WriteLine($"Server: {string.Join(", ", server.Routes.Order())}");
        output.WriteLine($"Functions: {string.Join(", ", functions.Order())}");

        Assert.All(ServerOnly.Keys, r => Assert.True(server.Routes.Contains(r), $"{r} is listed as server-only but the server does not serve it: drop it from the list."));
        var noFunction = served.Except(functions).Order().ToList();
        var notServed = functions.Except(served).Order().ToList();
        Assert.True(noFunction.Count == 0 && notServed.Count == 0, string.Join(Environment.NewLine,
            noFunction.Select(r => $"The server serves {r} but no function does: add an HTTP function (or list it in {nameof(ServerOnly)} with a reason).")
                .Concat(notServed.Select(r => $"A function serves {r} but the server does not: map it in the server (MapApprovals)."))));
        Assert.NotEmpty(functions);
    }

    [Fact]
    public async Task TheServerAsksForAKeyExactlyWhereTheFunctionsHostDoes()
    {
        using var anonymous = server.CreateClient();
        foreach (var function in HttpFunctions())
        {
            foreach (var route in RoutesOf(function))
            {
                using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(route.Verb), route.Sample()));

                var keyed = function.Trigger.AuthLevel != Anonymous || KeyCheckedByTheApp.Contains(function.Name);
                Assert.True(keyed == (response.StatusCode == HttpStatusCode.Unauthorized),
                    $"{route} without a key: the server answered {(int)response.StatusCode}; the function's auth level is {function.Trigger.AuthLevel}.");
            }
        }
    }
}
