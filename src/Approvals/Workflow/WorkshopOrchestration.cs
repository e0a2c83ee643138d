using Approvals.DonorSignOff;
using Approvals.Nominations;
using Approvals.Publication;
using Approvals.Review;
using Microsoft.DurableTask;

namespace Approvals.Workflow;

/// <summary>One workshop from submission to a terminal stage: the stage loop. Each stage's step lives in its folder
/// (<c>Review/</c>, <c>Nominations/</c>, <c>DonorSignOff/</c>, <c>Publication/</c>) and waits with the one wait of
/// <see cref="WorkshopRun"/>. A step whose activity keeps failing is stuck, never failed: it waits for a retry or for
/// cancellation (<see cref="WorkshopRun.CallAsync{T}"/>). Deterministic: all I/O is in activities and all time comes from the context.</summary>
public sealed class WorkshopOrchestration : TaskOrchestrator<WorkshopStarted, WorkshopOutcome>
{
    public override async Task<WorkshopOutcome> RunAsync(TaskOrchestrationContext context, WorkshopStarted input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var run = WorkshopRun.Create(context, input);
        try
        {
            await run.StartAsync();
            return await RunStagesAsync(run, new Move(Stage.InternalReview, new Step(AuditActions.Submitted, input.Proposal.SubmittedBy, null)));
        }
        catch (StepCancelledException)
        {
            return await run.Cancel();
        }
    }

    private static async Task<WorkshopOutcome> RunStagesAsync(WorkshopRun run, Move move)
    {
        // The loop ends: every stage leads forward or to an end, except ChangesRequested, which leads back — and it
        // rejects the proposal once MaxRevisionRounds revisions were made.
        while (true)
        {
            await run.RefreshDirectoryAsync(move.To);
            StepResult result = move.To switch
            {
                Stage.InternalReview => await Decisions.RequestAsync(run, ReviewStep.Request(run), move.Because),
                Stage.ChangesRequested => await ChangesRequestedStep.RunAsync(run, move),
                Stage.Nominations => await NominationsStep.RunAsync(run, move),
                Stage.DonorSignOff => await Decisions.RequestAsync(run, DonorSignOffStep.Request(run), move.Because),
                Stage.Published => await PublicationStep.RunAsync(run, move),
                Stage.Rejected => await run.Finish(Stage.Rejected, move.Because),

                // Cancelled and Expired end a wait (StepResult.Outcome); no step moves to them.
                _ => throw new InvalidOperationException($"No step leads into {move.To}."),
            };

            if (result.Outcome is { } outcome) return outcome;
            move = result.Next!;
        }
    }
}
