using Approvals;
using Approvals.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddApprovals(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);
builder.Build().Run();
