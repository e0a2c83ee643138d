using Approvals.Links;
using Approvals.Notifications;
using Approvals.Workflow;

namespace Approvals.Nominations;

/// <summary>Nominations: every invited ministry's focal points are asked for a slate, reminded while they are silent,
/// and the window closes when every ministry has answered (a slate or a decline) or after
/// <see cref="Timing.NominationWindow"/>. A slate may be replaced until then. No nominee at all → Expired.</summary>
internal static class NominationsStep
{
    private const int MaxReasons = 2000;

    public static async Task<StepResult> RunAsync(WorkshopRun run, Move move)
    {
        var due = run.Now + run.Timing.NominationWindow;
        var slates = new Dictionary<string, Slate>(StringComparer.OrdinalIgnoreCase);
        var invited = run.Proposal.Invitations.Select(i => i.Ministry).ToList();
        List<string> Silent() => invited.Where(m => !slates.ContainsKey(m)).ToList();
        IReadOnlyList<PendingRequest> Open() => Silent().Select(m => new PendingRequest(Role.FocalPoint, m, due)).ToList();

        await run.Record(Stage.Nominations, move.Because, Open(), mails: () => run.ToFocalPoints(NotificationKind.NominationRequest, invited, due));

        if (Silent().Count > 0)
        {
            var end = await run.WaitAsync(new WaitPlan<SlateSubmitted>(
                WorkflowEvents.SlateSubmitted,
                due,
                Accept: _ => true,
                Describe: s => $"slate from {s.Slate.Ministry}",
                Take: async submitted =>
                {
                    await Take(run, submitted, slates, Open, due);
                    if (Silent().Count > 0) return false;
                    run.EndedBy(submitted.Directory);
                    return true;
                },
                Reminders: _ => run.ToFocalPoints(NotificationKind.Reminder, Silent(), due),
                AtDeadline: AtDeadline.Close)
            {
                ReceiptOf = s => s.Receipt,
                Repeats = s => slates.TryGetValue(s.Slate.Ministry, out var kept) && Same(kept, s.Slate),
                Refuse = s => run.NoLongerHolds(s.Slate.Ministry, s.Slate.SubmittedBy),
                RefusalReceiptOf = s => s.Receipt,
            });
            if (end.Outcome is { } outcome) return outcome;
        }

        run.KeepSlates(slates.Values);
        var nominees = slates.Values.Sum(s => s.Nominees.Count);
        var missing = Silent();
        var summary = $"{nominees} nominee(s) from {slates.Values.Count(s => !s.Declined)} ministries"
            + (missing.Count > 0 ? $"; no answer from {string.Join(", ", missing)}" : string.Empty);
        if (nominees == 0)
        {
            return await run.Finish(Stage.Expired, new Step(AuditActions.Expired, AuditActions.System, $"No nominee: {summary}."),
                notifyAlso: run.EscalationContacts);
        }

        return new Move(Stage.DonorSignOff, new Step(AuditActions.NominationsClosed, AuditActions.System, summary));
    }

    /// <summary>Keeps a slate that passes the rules against the slates kept so far, or tells its sender why not. The
    /// form checked it when it was sent; this catches a race with another ministry's slate.</summary>
    private static async Task Take(
        WorkshopRun run, SlateSubmitted submitted, Dictionary<string, Slate> slates, Func<IReadOnlyList<PendingRequest>> open, DateTimeOffset due)
    {
        var slate = submitted.Slate;
        var errors = SlateRules.Check(run.Proposal, slate, slates.Values);
        if (errors.Count > 0)
        {
            // A slate of a thousand nominees can give a thousand reasons; the first ones tell the sender what to fix.
            var reasons = TextClip.Clip(string.Join(" ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))), MaxReasons)!;
            run.Answer(submitted.Receipt, used: false, reasons);
            await run.Record(Stage.Nominations, new Step(AuditActions.SlateRefused, slate.SubmittedBy, $"{slate.Ministry}: {reasons}"), open(), tokenId: submitted.TokenId,
                mails: () => [run.Message(NotificationKind.SlateRefused, slate.SubmittedBy, Role.FocalPoint, due, ministry: slate.Ministry, comment: reasons)]);
            return;
        }

        run.Answer(submitted.Receipt, used: true);
        var key = run.Proposal.Invitations.First(i => string.Equals(i.Ministry, slate.Ministry, StringComparison.OrdinalIgnoreCase)).Ministry;
        var first = !slates.ContainsKey(key);
        slates[key] = slate with { Ministry = key };
        await run.Record(Stage.Nominations, new Step(slate.Declined ? AuditActions.Declined : AuditActions.SlateAccepted, slate.SubmittedBy,
                slate.Declined ? key : $"{key}: {slate.Nominees.Count} nominee(s)"), open(), tokenId: submitted.TokenId,
            mails: () => submitted.Via is { } via ? [LinkReceipts.Slate(run.Id, run.Round, submitted with { Slate = slates[key] }, via)] : [],
            slate: new SlateRecord(run.Id, slates[key], submitted.TokenId) { TraceParent = run.TraceParent, First = first });
    }

    /// <summary>The same answer sent again (a double click, a re-sent form): same decline, same nominees in the same order.</summary>
    private static bool Same(Slate kept, Slate sent) => kept.Declined == sent.Declined && kept.Nominees.SequenceEqual(sent.Nominees);
}
