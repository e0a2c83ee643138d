extern alias server;

using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Server.Durable;
using Approvals.Status;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Telemetry;

/// <summary>The server's own Program in-process, its telemetry as the host wires it plus an in-memory exporter: an
/// approver's click is one trace from the POST through the workflow's steps to the mails it causes. It runs on an
/// Azurite of its own, so its queue worker sends only its own mails.</summary>
[Collection(nameof(OwnServers))]
public sealed class ADecisionIsOneTrace(OwnAzurite azurite, ITestOutputHelper output)
{
    private const string Manager = "project.manager@iom.example.org";

    [Fact]
    public async Task TheDecisionPostTheWorkflowStepAndTheMailShareOneTrace()
    {
        var spans = new Spans();
        await using var factory = new WebApplicationFactory<server::Program>()
            .WithWebHostBuilder(web => web
                .UseEnvironment("Development")
                .UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0")
                .UseSetting("AzureWebJobsStorage", azurite.ConnectionString)
                .UseSetting(DurableSidecarExtensions.TaskHubSetting, TestAzurite.UniqueName("Trace"))
                .UseSetting("Approvals:ApiKeys:0", AppServer.ApiKey)
                .UseSetting("Approvals:SigningKey", Convert.ToBase64String(AppServer.SigningKey))
                .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        using var measured = new Measurements(factory.Services.GetRequiredService<IMeterFactory>());
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", AppServer.ApiKey);
        var submitted = await http.PostAsJsonAsync("api/workshops", AppServer.ReferenceProposal());
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await Eventually.Until(() => http.GetFromJsonAsync<WorkshopStatus>($"api/workshops/{id}", Json.Options),
            s => s!.Pending.Count > 0, TimeSpan.FromSeconds(90));

        // The browser's side of the trace: the server's request span must continue it.
        var trace = ActivityTraceId.CreateRandom();
        var browser = ActivitySpanId.CreateRandom();
        using var click = new HttpRequestMessage(HttpMethod.Post, $"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager)}")
        {
            Content = new FormUrlEncodedContent([new("decision", "approve")]),
        };
        click.Headers.Add("traceparent", $"00-{trace}-{browser}-01");
        var answer = await http.SendAsync(click);
        Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Accepted });

        var mails = await Eventually.Until(() => Task.FromResult(spans.Of(trace).Where(IsMail(NotificationKind.NominationRequest)).ToList()),
            found => found.Count > 0, TimeSpan.FromSeconds(60), _ => "No mail span joined the click's trace:" + Environment.NewLine + Tree(spans.Of(trace)));
        var inTrace = spans.Of(trace);
        output.WriteLine(Tree(inTrace));

        var request = Assert.Single(inTrace, s => s.Kind == ActivityKind.Server);
        Assert.Equal((browser, "POST"), (request.ParentSpanId, request.GetTagItem("http.request.method")));
        // One step, one span: it records the move and queues the mails (the receipt and the nomination requests).
        var step = Assert.Single(inTrace, s => s.OperationName == nameof(RecordStep) && s.ParentSpanId == request.SpanId);
        Assert.Equal(id, step.GetTagItem(ApprovalsTelemetry.WorkshopIdTag));
        var mail = mails[0];
        var queuedBy = Assert.Single(inTrace, s => s.SpanId == mail.ParentSpanId);
        Assert.Equal((nameof(RecordStep), request.SpanId), (queuedBy.OperationName, queuedBy.ParentSpanId));
        Assert.Equal(id, mail.GetTagItem(ApprovalsTelemetry.WorkshopIdTag));

        // Plumbing stays out: the Durable worker's gRPC to its sidecar, and the runtime's copy of an Azure SDK request.
        Assert.DoesNotContain(inTrace, s => s.Source.Name == "System.Net.Http" && s.Parent?.Source.Name == "Azure.Core.Http");
        Assert.DoesNotContain(spans.All(), s => s.DisplayName.Contains("TaskHubSidecarService", StringComparison.Ordinal)
            || s.TagObjects.Any(t => t.Value?.ToString()?.Contains("TaskHubSidecarService", StringComparison.Ordinal) == true));

        var decision = Assert.Single(measured.Of(ApprovalsMetrics.Decisions));
        Assert.Equal(("InternalReview", "Approve"), (decision.Tags["stage"], decision.Tags["decision"]));
        Assert.Contains(measured.Of(ApprovalsMetrics.MailsSent), m => Equals(m.Tags["kind"], nameof(NotificationKind.NominationRequest)));
        var latency = Assert.Single(measured.Of(ApprovalsMetrics.ClickToNextStage));
        Assert.Equal("Nominations", latency.Tags["stage"]);
        Assert.InRange(latency.Value, 0, 60);
    }

    private static Func<Activity, bool> IsMail(NotificationKind kind) => s =>
        s.OperationName == NotificationHandler.SpanName && Equals(s.GetTagItem("approvals.notification.kind"), kind.ToString());

    /// <summary>The trace as an indented tree of span names, for the test output and a failure's message.</summary>
    private static string Tree(IReadOnlyList<Activity> trace)
    {
        var lines = new List<string>();
        void Walk(ActivitySpanId parent, int depth)
        {
            foreach (var s in trace.Where(s => s.ParentSpanId == parent).OrderBy(s => s.StartTimeUtc))
            {
                lines.Add($"{new string(' ', depth * 2)}{s.DisplayName} [{s.Source.Name}] {s.SpanId} {s.Duration.TotalMilliseconds:0} ms");
                Walk(s.SpanId, depth + 1);
            }
        }

        foreach (var root in trace.Where(s => trace.All(p => p.SpanId != s.ParentSpanId)).Select(s => s.ParentSpanId).Distinct()) Walk(root, 0);
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The exporter's list, safe to read while the server's threads add to it.</summary>
    private sealed class Spans : ICollection<Activity>
    {
        private readonly List<Activity> all = [];

        public IReadOnlyList<Activity> All()
        {
            lock (all) return all.ToList();
        }

        public IReadOnlyList<Activity> Of(ActivityTraceId trace)
        {
            lock (all) return all.Where(s => s.TraceId == trace).ToList();
        }

        public int Count { get { lock (all) return all.Count; } }
        public bool IsReadOnly => false;
        public void Add(Activity item) { lock (all) all.Add(item); }
        public void Clear() { lock (all) all.Clear(); }
        public bool Contains(Activity item) { lock (all) return all.Contains(item); }
        public void CopyTo(Activity[] array, int arrayIndex) { lock (all) all.CopyTo(array, arrayIndex); }
        public bool Remove(Activity item) { lock (all) return all.Remove(item); }
        public IEnumerator<Activity> GetEnumerator() { lock (all) return all.ToList().GetEnumerator(); }
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
