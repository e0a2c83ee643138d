using Approvals;
using Approvals.Http;
using Approvals.Notifications;
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
builder.Services.AddHostedService<DecisionRecoveryService>();
builder.Services.AddNotificationWorker();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapGet("/api/ping", () => Results.Ok(new { status = "ok" }));
app.MapApprovals();
app.MapApprovalsEvents();
app.MapApprovalsMailbox(requireKey: !app.Environment.IsDevelopment());
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
return StartupBanner.Run(app);
