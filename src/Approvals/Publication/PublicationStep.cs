using Approvals.Workflow;

namespace Approvals.Publication;

/// <summary>Publication, after the donor approved: the bilingual announcement is written and every nominee is sent a
/// confirmation with a calendar invitation (<see cref="PublishAnnouncement"/>); the workshop is then Published.</summary>
internal static class PublicationStep
{
    public static async Task<StepResult> RunAsync(WorkshopRun run, Move move)
    {
        await run.CallAsync<bool>(nameof(PublishAnnouncement), new PublicationRequest(run.Id, run.Proposal, run.Slates));
        return await run.Finish(Stage.Published, move.Because with { Action = AuditActions.Published });
    }
}
