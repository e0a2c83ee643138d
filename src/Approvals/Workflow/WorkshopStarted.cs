using Approvals.Proposals;

namespace Approvals.Workflow;

/// <summary>The orchestration's input: the stored proposal and the rules it runs under.</summary>
/// <param name="Version">What the run does that changes its history, stamped when it starts, so a run started by
/// older code replays exactly as it was written (absent in their input: <see cref="Original"/>).</param>
public sealed record WorkshopStarted(string WorkshopId, Proposal Proposal, DateTimeOffset SubmittedAt, Timing Timing, int MaxRevisionRounds,
    int Version = WorkshopStarted.Original)
{
    /// <summary>Runs started before the directory was read again at each stage.</summary>
    public const int Original = 1;

    /// <summary>Reads the directory again before each stage sends its requests.</summary>
    public const int RereadsDirectory = 2;

    /// <summary>Makes each step one activity (<see cref="RecordStep"/>): what it records, its slate and its mails.</summary>
    public const int OneActivityPerStep = 3;

    /// <summary>Keeps one timer for a wait until it fires or the wait ends, instead of a new one for each event that
    /// arrives (each timer is a message now and an episode of the workflow when it comes due).</summary>
    public const int OneTimerPerWake = 4;

    public const int Current = OneTimerPerWake;
}

/// <summary>The orchestration's output.</summary>
public sealed record WorkshopOutcome(Stage Stage, string Reason);

/// <summary>The orchestration's custom status: the stage it is in, its answers to the latest events it received (newest
/// last, so a page that raised one can tell its sender what became of it), and the step it is stuck on. Durable stores
/// it with the instance itself, so it shows even when the storage a step needs is what fails.</summary>
public sealed record WorkflowStatus(Stage Stage, int Round, IReadOnlyList<EventAnswer>? Answers = null)
{
    public StuckStep? Stuck { get; init; }
}

/// <summary>What the workflow made of one event: used, or not (and why).</summary>
public sealed record EventAnswer(string Receipt, bool Used, string? Why = null);
