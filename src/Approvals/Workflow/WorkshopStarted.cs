using System.Text.Json.Serialization;
using Approvals.Contacts;
using Approvals.Proposals;

namespace Approvals.Workflow;

/// <summary>The orchestration's input: the stored proposal and the rules it runs under.</summary>
/// <param name="Version">What the run does that changes its history, stamped when it starts, so a run started by
/// older code replays exactly as it was written (absent in their input: <see cref="Original"/>).</param>
public sealed record WorkshopStarted(string WorkshopId, Proposal Proposal, DateTimeOffset SubmittedAt, Timing Timing, int MaxRevisionRounds,
    int Version = WorkshopStarted.Original)
{
    /// <summary>The directory as the submission read it, so the first requests need no read of their own (absent in
    /// runs started before <see cref="DirectoryComesWithEvents"/>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProjectDirectory? Directory { get; init; }

    /// <summary>Runs started before the directory was read again at each stage.</summary>
    public const int Original = 1;

    /// <summary>Reads the directory again before each stage sends its requests.</summary>
    public const int RereadsDirectory = 2;

    /// <summary>Makes each step one activity (<see cref="RecordStep"/>): what it records, its slate and its mails.</summary>
    public const int OneActivityPerStep = 3;

    /// <summary>Keeps one timer for a wait until it fires or the wait ends, instead of a new one for each event that
    /// arrives (each timer is a message now and an episode of the workflow when it comes due).</summary>
    public const int OneTimerPerWake = 4;

    /// <summary>Takes the directory from what starts the run and from the event that ends a stage (the page read it
    /// as the person clicked), instead of reading it in an activity of its own: one episode fewer each time.</summary>
    public const int DirectoryComesWithEvents = 5;

    public const int Current = DirectoryComesWithEvents;
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
