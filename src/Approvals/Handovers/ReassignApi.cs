using Approvals.Http;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace Approvals.Handovers;

/// <summary><c>POST /api/workshops/{id}/reassign</c>: staff move a waiting request (a review, a ministry's nominations, the
/// donor's sign-off) from its holder to someone else. Answered once the workflow has moved it, or refused with why.</summary>
public sealed class ReassignApi(WorkshopStore workshops, DirectoryStore directory, StatusQuery status, TimeProvider time)
{
    public async Task<Results<Ok<WorkshopStatus>, ProblemHttpResult>> ReassignAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var workshop = await workshops.GetAsync(id);
        if (workshop is null) return Problems.NotFound($"No workshop with id '{id}'.");
        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Problem is { } malformed) return malformed;
        var request = ReassignRequest.Read(body.Root);
        if (request.Errors() is { Count: > 0 } errors) return Problems.Validation(errors, "The reassignment has invalid fields.");
        if (!Handovers.Open(workshop.Stage))
        {
            return Problems.Conflict($"The workshop is at {workshop.Stage}: only a waiting review, nomination or donor sign-off request can be reassigned. Nothing was changed.");
        }

        if (workshop.Stage != Stage.Nominations && !workshop.Pending.Any(p => Handovers.SameAddress(p.Party, request.FromAddress)))
        {
            return Problems.Field(StatusCodes.Status409Conflict, "from",
                $"{request.FromAddress} holds no waiting request of this workshop; it is waiting for {string.Join(", ", workshop.Pending.Select(p => p.Party))}. Nothing was changed.",
                "Not the holder.");
        }

        if (workshop.Stage == Stage.DonorSignOff && (await directory.LoadAsync()).DonorApprovers is var donors
            && !donors.Any(a => Handovers.SameAddress(a, request.ToAddress)))
        {
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "to",
                $"Only the EU donor's programme managers listed in the directory can sign off ({string.Join(", ", donors)}). Add {request.ToAddress} to the directory first. Nothing was changed.",
                "Not allowed to hold this request.");
        }

        if (!await client.WaitUntilStartedAsync(id, http.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The workshop is still starting.",
                detail: "Its workflow has not started yet. Nothing was changed: send it again in a minute.");
        }

        var asked = new HandoverRequested(workshop.Stage, workshop.Round, request.TrimmedMinistry, request.FromAddress, request.ToAddress,
            request.TrimmedReason, request.Actor, HandoverVia.Reassigned, time.GetUtcNow(), Guid.NewGuid().ToString("N"));
        var answer = await client.AskAsync(id, asked, workshops, http.RequestAborted);
        return answer.Hearing switch
        {
            Hearing.Used => TypedResults.Ok((await status.GetAsync(id, client))!),
            Hearing.Refused => Problems.Field(StatusCodes.Status409Conflict, "from", answer.Why ?? "The workflow refused the reassignment.", "Not reassigned."),
            Hearing.Unconfirmed => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The reassignment is not confirmed yet.",
                detail: $"The workflow has not confirmed it within {WorkflowAnswers.Patience.TotalSeconds:0} s; it may still take effect. Check GET /api/workshops/{id} before sending it again."),
            _ => Problems.Conflict($"The workshop moved on{(answer.Stage is { } stage ? $" to {stage}" : string.Empty)} before the reassignment arrived; nothing was reassigned."),
        };
    }
}
