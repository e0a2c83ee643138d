using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Review;

/// <summary>Changes requested: the proposer is asked to resubmit (<c>PUT /api/workshops/{id}/proposal</c>) within
/// <see cref="Timing.ReviewTimeout"/>, and the revised proposal goes back to whoever asked — the review, or the donor
/// with the nominations kept. After <see cref="WorkshopStarted.MaxRevisionRounds"/> rounds the proposal is rejected.</summary>
internal static class ChangesRequestedStep
{
    public static async Task<StepResult> RunAsync(WorkshopRun run, Move move)
    {
        var (because, returnTo) = (move.Because, move.ReturnTo);
        if (run.Round >= run.MaxRevisionRounds)
        {
            return await run.Finish(Stage.Rejected, because with
            {
                Action = AuditActions.RevisionLimitReached,
                Comment = $"Changes were requested after {run.Round} revision round(s), the limit. Last request: {because.Comment}",
            });
        }

        var proposer = run.Proposal.SubmittedBy;
        var due = run.Now + run.Timing.ReviewTimeout;
        await run.Record(Stage.ChangesRequested, because, [new PendingRequest(Role.Proposer, proposer, due)], resumesAt: returnTo,
            mails: () => [run.Message(NotificationKind.ChangesRequested, proposer, Role.Proposer, due, comment: because.Comment) with { Outcome = returnTo }]);

        var end = await run.WaitAsync(new WaitPlan<ProposalResubmitted>(
            WorkflowEvents.ProposalResubmitted,
            due,
            Accept: r => r.Round == run.Round,
            Describe: r => $"resubmission by {r.Actor} for round {r.Round}",
            Take: _ => Task.FromResult(true),
            Reminders: until => [run.Message(NotificationKind.Reminder, proposer, Role.Proposer, until)]));
        if (end.Outcome is { } outcome) return outcome;

        run.Revise(end.Event!.Proposal);
        return new Move(returnTo, new Step(AuditActions.Resubmitted, end.Event.Actor, null));
    }
}
