using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Approvals.Telemetry;

/// <summary>What both hosts collect with the OpenTelemetry SDK; each host adds its own exporter to the builder returned.</summary>
public static class TelemetrySetup
{
    /// <summary>Azure.Core starts its spans on <c>Azure.*</c> activity sources only behind this switch (the environment
    /// variable <c>AZURE_EXPERIMENTAL_ENABLE_ACTIVITY_SOURCE</c> says the same); it is read when the first client is made.</summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    private const string AzureHttpSource = "Azure.Core.Http";

    /// <summary>Traces (ASP.NET Core, HttpClient, the Azure SDK, Durable Task and our own spans), metrics (ASP.NET Core,
    /// HttpClient and our own meter) and logs. Nothing leaves the process until the host adds an exporter.</summary>
    public static OpenTelemetryBuilder AddApprovalsTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);
        return services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName))
            .WithTracing(tracing => tracing
                .AddSource(ApprovalsTelemetry.Name)
                .AddSource("Azure.*")
                .AddSource("Microsoft.DurableTask")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsGrpc(http.Request.ContentType))
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = request =>
                    !IsGrpc(request.Content?.Headers.ContentType?.MediaType) && !InAzureHttpSpan()))
            .WithMetrics(metrics => metrics
                .AddMeter(ApprovalsTelemetry.Name)
                // Made with the provider, so the outbox gauge exists before the first mail or decision needs the instruments.
                .AddInstrumentation(sp => sp.GetRequiredService<ApprovalsMetrics>())
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: o =>
            {
                o.IncludeFormattedMessage = true;
                o.IncludeScopes = true;
            });
    }

    /// <summary>Azure.Core traces each HTTP attempt itself (with the service's request id); the runtime's span of the same
    /// request, started inside it, would only repeat it. The filter runs with the runtime's span already current.</summary>
    private static bool InAzureHttpSpan() =>
        Activity.Current is { } current && (current.Source.Name == AzureHttpSource || current.Parent?.Source.Name == AzureHttpSource);

    /// <summary>The server's Durable worker talks gRPC to its in-process sidecar without pause: that is plumbing, not
    /// a request anyone made, and would bury the spans that are.</summary>
    private static bool IsGrpc(string? contentType) => contentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
