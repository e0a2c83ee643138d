using System.Diagnostics.Metrics;
using Approvals.Telemetry;

namespace Approvals.Testing;

/// <summary>What the Approvals meter of one service provider measured while this listened: meters made by other
/// providers (other tests, other in-process servers) stay out.</summary>
public sealed class Measurements : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> all = [];

    public Measurements(IMeterFactory factory)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == ApprovalsTelemetry.Name) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        listener.Start();
    }

    /// <summary>Each measurement of the instrument <paramref name="name"/>, with its tags.</summary>
    public List<(double Value, Dictionary<string, object?> Tags)> Of(string name)
    {
        lock (all) return all.Where(m => m.Name == name).Select(m => (m.Value, m.Tags)).ToList();
    }

    public void Dispose() => listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var t in tags) copy[t.Key] = t.Value;
        lock (all) all.Add((instrument.Name, value, copy));
    }
}
