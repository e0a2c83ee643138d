using Approvals.Server.Azurite;
using Approvals.Server.Durable;
using Approvals.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls();
builder.AddEmbeddedAzurite();
builder.AddDurableSidecar(tasks => { /* the application's orchestrators and activities */ });

var app = builder.Build();
app.MapGet("/api/ping", () => Results.Ok(new { status = "ok" }));
app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation("Approvals server on {Urls}", string.Join(", ", app.Urls)));
app.Run();
