using Approvals;
using Approvals.Http;
using Approvals.Notifications.Mailbox;
using Approvals.Publication;
using Approvals.Server.Azurite;
using Approvals.Server.Durable;
using Approvals.Server.Hosting;
using Approvals.Workflow;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls();
DevelopmentDefaults.Apply(builder.Configuration, builder.Environment);
builder.AddEmbeddedAzurite();
builder.Services.AddApprovals(builder.Configuration);
builder.AddDurableSidecar(tasks => tasks.AddApprovalsWorkflow());
builder.Services.AddBackgroundJobs();
builder.AddServerTelemetry();

var app = builder.Build();
app.UseApprovalsTraffic();
app.UseExceptionHandler();
app.UseApprovalsStatusPages();
app.MapGet("/api/ping", () => Results.Ok(new { status = "ok" }));
app.MapApprovals();
app.MapApprovalsEvents();
app.MapApprovalsMailbox(requireKey: !app.Environment.IsDevelopment());
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
return StartupBanner.Run(app);

/// <summary>The server's entry point, public so tests can host it in-process with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
