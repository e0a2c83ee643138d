using Approvals.Workflow;

namespace Approvals.Publication;

/// <summary>Publication, after the donor approved: the bilingual announcement is written and every nominee is sent a
/// confirmation with a calendar invitation (<see cref="PublishAnnouncement"/>); the workshop is then Published.</summary>
internal static class PublicationStep
{
    private const string TooLate = "The workshop was being published when the cancellation arrived; it is now Published. Send the cancellation again to cancel the published workshop.";

    public static async Task<StepResult> RunAsync(WorkshopRun run, Move move)
    {
        await run.CallAsync<bool>(nameof(PublishAnnouncement), new PublicationRequest(run.Id, run.Proposal, run.Slates) { TraceParent = run.TraceParent });

        // The announcement is out and the nominees' invitations are on their way: a cancellation that came in meanwhile
        // is refused, so staff hear it did not happen.
        run.RefuseLateCancellation(TooLate);
        var outcome = await run.Finish(Stage.Published, move.Because with { Action = AuditActions.Published });

        // A cancellation delivered together with the announcement's result is only seen now; it is answered, not lost.
        run.RefuseLateCancellation(TooLate);
        return outcome;
    }
}
