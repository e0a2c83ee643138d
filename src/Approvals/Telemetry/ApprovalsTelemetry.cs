using System.Diagnostics;

namespace Approvals.Telemetry;

/// <summary>The application's own spans: one per workflow step activity and per mail sent. Durable Task does not carry
/// a click's trace across the event it raises, so the trace travels as a W3C <c>traceparent</c> in the data itself
/// (the event, the activity inputs, the queued notification) and each span is started under it.</summary>
public static class ApprovalsTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Approvals";

    public const string WorkshopIdTag = "approvals.workshop.id";

    internal static readonly ActivitySource Source = new(Name);

    /// <summary>The W3C <c>traceparent</c> of the span running now, to hand to whatever continues this work later.</summary>
    public static string? CurrentTraceParent() => TraceParentOf(Activity.Current);

    public static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;

    /// <summary>Starts a span under <paramref name="traceParent"/> when the work carries one (else under whatever span is
    /// current). The span the host runs the work in (a Functions invocation, a Durable work item) belongs to another
    /// trace then, and is kept as a link.</summary>
    public static Activity? Start(string name, string? traceParent, string? workshopId, ActivityKind kind = ActivityKind.Internal)
    {
        if (!Source.HasListeners()) return null;
        var activity = traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity(name, kind, parent, links: LinkToCurrent(parent))
            : Source.StartActivity(name, kind);
        activity?.SetTag(WorkshopIdTag, workshopId);
        return activity;
    }

    /// <summary>Runs one workflow step activity in a span of its own, under the click's trace when the input carries it.</summary>
    public static async Task<T> RunStepAsync<T>(string name, string? traceParent, string? workshopId, Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var span = Start(name, traceParent, workshopId);
        try
        {
            return await step();
        }
        catch (Exception e)
        {
            span.Fail(e);
            throw;
        }
    }

    /// <summary>Marks a span failed with the exception's type, as the OpenTelemetry conventions name it.</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity?.SetTag("error.type", exception.GetType().FullName);
    }

    private static ActivityLink[]? LinkToCurrent(ActivityContext parent) =>
        Activity.Current is { } current && current.TraceId != parent.TraceId ? [new ActivityLink(current.Context)] : null;
}
