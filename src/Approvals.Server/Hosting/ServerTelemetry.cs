using Approvals.Telemetry;
using OpenTelemetry;

namespace Approvals.Server.Hosting;

/// <summary>The server exports over OTLP to the collector <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names, and nowhere without one.</summary>
static class ServerTelemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddServerTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddApprovalsTelemetry(builder.Configuration, "Approvals.Server");

        // UseOtlpExporter reads the endpoint, protocol and headers from the standard OTEL_EXPORTER_OTLP_* settings.
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting])) telemetry.UseOtlpExporter();
        return builder;
    }
}
