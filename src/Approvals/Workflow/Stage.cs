using System.Text.Json.Serialization;

namespace Approvals.Workflow;

/// <summary>Where a workshop stands. Serialised by name everywhere (JSON, tables, custom status).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Stage>))]
public enum Stage
{
    InternalReview,
    ChangesRequested,
    Nominations,
    DonorSignOff,
    Published,
    Rejected,
    Cancelled,
    Expired,

    /// <summary>The workshop took place and staff recorded who came.</summary>
    Held,
}

/// <summary>The legal transitions of the lifecycle, in one place.</summary>
public static class StageMachine
{
    private static readonly Dictionary<Stage, Stage[]> Next = new()
    {
        [Stage.InternalReview] = [Stage.ChangesRequested, Stage.Nominations, Stage.Rejected, Stage.Cancelled, Stage.Expired],
        [Stage.ChangesRequested] = [Stage.InternalReview, Stage.DonorSignOff, Stage.Rejected, Stage.Cancelled, Stage.Expired],
        [Stage.Nominations] = [Stage.DonorSignOff, Stage.Cancelled, Stage.Expired],
        [Stage.DonorSignOff] = [Stage.Published, Stage.ChangesRequested, Stage.Rejected, Stage.Cancelled, Stage.Expired],
        // After publication only a cancellation ends it early (the workshop's life after publication, Events/); once
        // the last day is over, staff recording attendance makes it Held.
        [Stage.Published] = [Stage.Cancelled, Stage.Held],
        [Stage.Rejected] = [],
        [Stage.Cancelled] = [],
        [Stage.Expired] = [],
        [Stage.Held] = [],
    };

    public static bool IsTerminal(this Stage stage) => Next[stage].Length == 0;

    public static bool CanMove(Stage from, Stage to) => Next[from].Contains(to);

    /// <summary>Returns <paramref name="to"/> or throws when the lifecycle does not allow the move.</summary>
    public static Stage Move(Stage from, Stage to) =>
        CanMove(from, to) ? to : throw new InvalidOperationException($"A workshop cannot move from {from} to {to}.");
}
