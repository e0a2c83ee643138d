using Approvals.Http;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;
using Approvals.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Approvals.Events;

/// <summary>Staff changing a published workshop: <c>POST /api/workshops/{id}/postpone</c>, and the cancel of a published
/// workshop, which <c>POST /api/workshops/{id}/cancel</c> hands over here. Both go to the workshop's
/// <see cref="WorkshopEvent"/> run, started on the first change, and are answered 202 only once it has taken them.</summary>
public sealed class AfterPublicationApi(WorkshopStore workshops, AnnouncementStore announcements, StatusQuery status, IOptions<ApprovalsOptions> options, TimeProvider time)
{
    /// <summary>The instance id of a workshop's life after publication, beside the approval workflow's (the workshop id).</summary>
    public static string InstanceOf(string workshopId) => $"{workshopId}-event";

    public async Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> PostponeAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var workshop = await workshops.GetAsync(id);
        if (workshop is null) return Problems.NotFound($"No workshop with id '{id}'.");
        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Problem is { } malformed) return malformed;
        var now = time.GetUtcNow();
        var (request, errors) = PostponeRequest.Read(body.Root, Schedule.Of(workshop.Proposal), DateOnly.FromDateTime(now.UtcDateTime));
        if (request is null) return Problems.Validation(errors, "The postponement has invalid fields.");
        if (workshop.Stage != Stage.Published)
        {
            return Problems.Conflict($"The workshop is {workshop.Stage}; only a published workshop can be postponed. Nothing was changed.");
        }

        if ((await announcements.GetAsync(id))?.Postponed?.Times >= WorkshopEvent.MaxPostponements)
        {
            return Problems.Conflict($"The workshop was postponed {WorkshopEvent.MaxPostponements} times already; cancel it and propose it again. Nothing was changed.");
        }

        var receipt = Guid.NewGuid().ToString("N");
        return await DeliverAsync(http, client, workshop, WorkflowEvents.PostponeRequested,
            new PostponeRequested(request.Schedule, request.Reason, request.Actor, now, receipt), receipt);
    }

    /// <summary>Cancels a published workshop; the request was validated by the caller.</summary>
    public Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> CancelAsync(HttpContext http, DurableTaskClient client, WorkshopRecord workshop, CancelRequest cancel)
    {
        ArgumentNullException.ThrowIfNull(cancel);
        var receipt = Guid.NewGuid().ToString("N");
        return DeliverAsync(http, client, workshop, WorkflowEvents.CancelRequested,
            new CancelRequested(cancel.TrimmedReason, cancel.Actor, time.GetUtcNow(), receipt), receipt);
    }

    private async Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> DeliverAsync(
        HttpContext http, DurableTaskClient client, WorkshopRecord workshop, string eventName, object payload, string receipt)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var instance = InstanceOf(workshop.Id);
        if (time.GetUtcNow() >= Schedule.Of(workshop.Proposal).Over || !await StartAsync(client, workshop, http.RequestAborted))
        {
            return Problems.Conflict($"The workshop's last day ({workshop.Proposal.EndDate:yyyy-MM-dd}) has passed, so it can no longer be changed. Nothing was changed.");
        }

        if (!await client.WaitUntilStartedAsync(instance, http.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The workshop is still starting its life after publication.",
                detail: "Nothing was changed: send the request again in a minute.");
        }

        var answer = await client.RaiseAndHearAsync(instance, eventName, payload, receipt, s => s.Stage == Stage.Published, http.RequestAborted);
        return answer.Hearing switch
        {
            Hearing.Used => TypedResults.Accepted($"/api/workshops/{workshop.Id}", (await status.GetAsync(workshop.Id, client))!),
            Hearing.Unconfirmed => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The change is not confirmed yet.",
                detail: $"The workflow has not confirmed it within {WorkflowAnswers.Patience.TotalSeconds:0} s; it may still take effect. Check GET /api/workshops/{workshop.Id} before sending it again."),
            _ => Problems.Conflict(answer.Stage == Stage.Cancelled
                ? "The workshop was cancelled before this request arrived; nothing was changed."
                : "The workshop's life after publication ended before this request arrived; nothing was changed."),
        };
    }

    /// <summary>Starts the run on the first change of a workshop published before runs started at publication.</summary>
    private Task<bool> StartAsync(DurableTaskClient client, WorkshopRecord workshop, CancellationToken cancellation) =>
        EventRunStart.StartAsync(client, EventRunStart.InputOf(workshop.Id, workshop.Proposal, workshop.Round, options.Value.Timing), cancellation);
}
