using Approvals.Links;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Review;

/// <summary>Who decides at a decision stage, how they are asked and how long they have. The internal review and the
/// donor's sign-off are both this request; they differ only in these facts and in where approval leads.</summary>
internal sealed record DecisionRequest(
    Stage Stage, IReadOnlyList<string> Approvers, Role Role, NotificationKind Kind, TimeSpan Timeout, Stage OnApprove);

/// <summary>A decision stage's step: ask every approver, wait for the first decision of this stage and round, and
/// route it: approve moves on, reject ends, changes go to the proposer and come back here.</summary>
internal static class Decisions
{
    public static async Task<StepResult> RequestAsync(WorkshopRun run, DecisionRequest request, Step because)
    {
        var due = run.Now + request.Timeout;
        await run.Record(request.Stage, because, request.Approvers.Select(a => new PendingRequest(request.Role, a, due)).ToList(),
            because.Action == AuditActions.Resubmitted ? run.Proposal : null,
            mails: () => request.Approvers.Select(a => run.Message(request.Kind, a, request.Role, due)));

        var end = await run.WaitAsync(new WaitPlan<DecisionRecorded>(
            WorkflowEvents.DecisionRecorded,
            due,
            Accept: d => d.Stage == request.Stage && d.Round == run.Round,
            Describe: d => $"{d.Decision} for {d.Stage} round {d.Round} by {d.Approver}",
            Take: _ => Task.FromResult(true),
            Reminders: until => run.Pending.Select(p => run.Message(NotificationKind.Reminder, p.Party, request.Role, until)))
        {
            ReceiptOf = d => d.Receipt,
            Refuse = d => run.NoLongerHolds(null, d.Approver),
            RefusalReceiptOf = d => DecisionRecorded.RefusalReceiptOf(d.Stage, d.Round, d.Approver),
        });
        if (end.Outcome is { } outcome) return outcome;

        var d = end.Event!;
        run.EndedBy(d.Directory);
        // Only a decision the workflow takes gets a receipt. (Events raised before receipts moved here carry no client:
        // their page sent it, and their histories replay without this step.) Every decision leads to a recorded step,
        // which sends it.
        if (d.Via is { } via) await run.NotifyWithNextStep([LinkReceipts.Decision(run.Id, d, via)]);
        return d.Decision switch
        {
            Decision.Approve => new Move(request.OnApprove, new Step(AuditActions.Approved, d.Approver, d.Comment)),
            Decision.Reject => new Move(Stage.Rejected, new Step(AuditActions.Rejected, d.Approver, d.Comment)),
            _ => new Move(Stage.ChangesRequested, new Step(AuditActions.ChangesRequested, d.Approver, d.Comment), ReturnTo: request.Stage),
        };
    }
}
