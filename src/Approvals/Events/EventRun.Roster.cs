using Approvals.Participants;
using Microsoft.DurableTask;

namespace Approvals.Events;

/// <summary>The run's moves on the roster: a participant's answer, a ministry's substitution, the reminder to the
/// silent ones. The run is the roster's one writer, so two focal points' changes are checked one after the other.</summary>
internal sealed partial class EventRun
{
    /// <summary>When the silent participants are reminded, or null when that is done or its moment had passed when the
    /// dates were set (a reminder right after the invitation helps nobody).</summary>
    public DateTimeOffset? ReminderAt { get; private set; } = input.Carried?.ReminderAt;

    private TimeSpan ChangeCutoff => input.ChangeCutoff ?? new Workflow.Timing().ChangeCutoff;

    private TimeSpan ReminderBefore => input.AnswerReminderBefore ?? new Workflow.Timing().AnswerReminderBefore;

    /// <summary>Arms the reminder for the dates the workshop has now.</summary>
    public void ArmReminder()
    {
        var at = RosterRules.AnswerReminder(Schedule, ReminderBefore);
        ReminderAt = at > Now ? at : null;
    }

    public async Task AnswerAsync(ParticipantAnswered request)
    {
        if (Now >= RosterRules.FirstDay(Schedule))
        {
            Answer(request.Receipt, used: false, why: "The workshop has begun; answers are closed.");
            return;
        }

        var cutoff = RosterRules.ChangeCutoff(Schedule, ChangeCutoff);
        var outcome = await context.CallActivityAsync<RosterOutcome>(nameof(RecordAnswer),
            new AnswerChange(input.WorkshopId, request, Now < cutoff ? cutoff : null), retry);
        Answer(request.Receipt, outcome.Applied, outcome.Why);
    }

    public async Task SubstituteAsync(SubstitutionRequested request)
    {
        if (Now >= RosterRules.ChangeCutoff(Schedule, ChangeCutoff))
        {
            Answer(request.Receipt, used: false, why: "The list is closed: substitutions ended before the workshop.");
            return;
        }

        var outcome = await context.CallActivityAsync<RosterOutcome>(nameof(ApplySubstitution),
            new SubstitutionChange(input.WorkshopId, request, Changes, Schedule), retry);
        Answer(request.Receipt, outcome.Applied, outcome.Why);
    }

    public async Task RemindAsync()
    {
        ReminderAt = null;
        await context.CallActivityAsync<int>(nameof(RemindParticipants), new AnswerReminder(input.WorkshopId, Schedule.StartDate, Now), retry);
    }

    /// <summary>This run's input for its next generation.</summary>
    public EventStarted Carry() => input with
    {
        Proposal = Proposal,
        Carried = new EventCarry(Changes, recorded, answers.ToList(), ReminderAt),
    };
}
