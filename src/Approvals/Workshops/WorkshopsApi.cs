using Approvals.Events;
using Approvals.Http;
using Approvals.Proposals;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace Approvals.Workshops;

/// <summary>The staff and manager JSON API: submit, resubmit, cancel, retry a stuck step, status, list. Both hosts call these.</summary>
public sealed class WorkshopsApi(
    ProposalIntake intake, WorkshopStore workshops, DirectoryStore directory, StatusQuery status, AfterPublicationApi afterPublication, TimeProvider time)
{
    private const string IdempotencyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>Who asked for a retry, as the history shows it: a key identifies staff, not a person.</summary>
    private const string RetryActor = "staff";

    public async Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> SubmitAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Problem is { } malformed) return malformed;
        var reading = ProposalReader.Read(body.Root, await directory.LoadAsync(), Today());
        if (!reading.IsValid) return Problems.Validation(reading.Errors, "The proposal has invalid fields.");

        var key = http.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, IdempotencyHeader, $"Must be at most {MaxIdempotencyKeyLength} characters.", "Invalid header.");
        }

        var result = await intake.SubmitAsync(reading.Proposal!, body.Raw, key, client);
        if (result.ConflictReason is { } reason)
        {
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, IdempotencyHeader, reason, "Idempotency-Key reused.");
        }

        return await Accepted(result.WorkshopId!, client);
    }

    public async Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> ResubmitAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(client);
        var change = await ForChange(http, id);
        if (change.Problem is { } problem) return problem;
        var workshop = change.Workshop!;
        var reading = ProposalReader.Read(change.Body!.Root, await directory.LoadAsync(), Today());
        if (!reading.IsValid) return Problems.Validation(reading.Errors, "The proposal has invalid fields.");
        if (workshop.Stage != Stage.ChangesRequested)
        {
            return Problems.Conflict($"The workshop is in stage {workshop.Stage}; a proposal can be resubmitted only when changes were requested.");
        }

        if (workshop.ResumesAt == Stage.DonorSignOff && !SameInvitations(workshop.Proposal, reading.Proposal!))
        {
            return Problems.Conflict(
                "The EU donor asked for these changes, and the nominations already received are kept for the donor: capacity and invitations "
                + "(ministries and quotas) cannot change now. Cancel this workshop and submit a new one to change them.", "invitations");
        }

        var resubmission = new ProposalResubmitted(reading.Proposal!, reading.Proposal!.SubmittedBy, time.GetUtcNow(), workshop.Round);
        await client.RaiseEventAsync(id, WorkflowEvents.ProposalResubmitted, resubmission);
        return await Accepted(id, client);
    }

    public async Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> CancelAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(client);
        var change = await ForChange(http, id);
        if (change.Problem is { } problem) return problem;
        var workshop = change.Workshop!;
        var cancel = CancelRequest.From(change.Body!.Root);
        if (cancel.Errors() is { Count: > 0 } errors) return Problems.Validation(errors, "The cancellation has invalid fields.");
        if (workshop.Stage.IsTerminal())
        {
            return Problems.Conflict($"The workshop is already {workshop.Stage}; only a workshop in progress can be cancelled.");
        }

        // The approval workflow ended at publication; what follows it is a run of its own.
        if (workshop.Stage == Stage.Published) return await afterPublication.CancelAsync(http, client, workshop, cancel);

        if (!await client.WaitUntilStartedAsync(id, http.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The workshop is still starting.",
                detail: "Its workflow has not started yet, so the cancellation could not be taken. Nothing was changed: send it again in a minute.");
        }

        // Answered 202 only once the workflow has taken the cancellation: one that arrives while the workshop is being
        // published, or after it ended, is refused rather than accepted and dropped.
        var receipt = Guid.NewGuid().ToString("N");
        var answer = await client.RaiseAndHearAsync(id, WorkflowEvents.CancelRequested, new CancelRequested(cancel.TrimmedReason, cancel.Actor, time.GetUtcNow(), receipt),
            receipt, s => !s.Stage.IsTerminal(), http.RequestAborted);
        return answer.Hearing switch
        {
            Hearing.Used => await Accepted(id, client),
            Hearing.Unconfirmed => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The cancellation is not confirmed yet.",
                detail: $"The workflow has not confirmed it within {WorkflowAnswers.Patience.TotalSeconds:0} s; it may still take effect. Check GET /api/workshops/{id} before sending it again."),
            _ => Problems.Conflict(answer.Why
                ?? $"The workshop ended{(answer.Stage is { } stage ? $" {stage}" : string.Empty)} before the cancellation arrived; nothing was cancelled."),
        };
    }

    /// <summary>Runs the stuck step again. Read from the workflow itself, not from our tables: the step may be stuck
    /// because of them.</summary>
    public async Task<Results<Accepted<WorkshopStatus>, ProblemHttpResult>> RetryAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var instance = WorkshopStore.IsPlausibleId(id) ? await client.GetInstanceAsync(id, getInputsAndOutputs: false, http.RequestAborted) : null;
        if (instance is null) return Problems.NotFound($"No workshop with id '{id}'.");
        if (await StatusQuery.FindStuckAsync(client, id, http.RequestAborted) is not { } found)
        {
            return Problems.Conflict(
                $"No step of this workshop is stuck (its workflow is {instance.RuntimeStatus}), so there is nothing to run again. Nothing was changed.", "stuck");
        }

        await client.RaiseEventAsync(found.Instance, WorkflowEvents.RetryRequested, new RetryRequested(found.Stuck.Id, RetryActor, time.GetUtcNow()), http.RequestAborted);
        return await Accepted(id, client);
    }

    public async Task<Results<Ok<WorkshopStatus>, ProblemHttpResult>> GetAsync(DurableTaskClient client, string id)
    {
        var found = await status.GetAsync(id, client);
        return found is null ? Problems.NotFound($"No workshop with id '{id}'.") : TypedResults.Ok(found);
    }

    public async Task<Results<Ok<WorkshopPage>, ProblemHttpResult>> ListAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var reading = WorkshopListQuery.Read(http.Request.Query);
        if (reading.Query is not { } query) return InvalidQuery(reading.Error!);
        var listing = await workshops.ListAsync(query.Filter, query.ContinuationToken, WorkshopListQuery.PageSize);
        return listing.TokenRejected ? InvalidQuery(WorkshopListQuery.RejectedToken) : TypedResults.Ok(listing.Page);
    }

    private static ProblemHttpResult InvalidQuery(InvalidParameter error) =>
        Problems.Field(StatusCodes.Status400BadRequest, error.Name, error.Reason, "Invalid query.");

    private async Task<Accepted<WorkshopStatus>> Accepted(string id, DurableTaskClient client) =>
        TypedResults.Accepted($"/api/workshops/{id}", (await status.GetAsync(id, client))!);

    /// <summary>The stored workshop and the request's JSON body, or the problem (404, bad body) that stops a change.</summary>
    private sealed record Change(WorkshopRecord? Workshop, JsonBody? Body, ProblemHttpResult? Problem);

    private async Task<Change> ForChange(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var workshop = await workshops.GetAsync(id);
        if (workshop is null) return new Change(null, null, Problems.NotFound($"No workshop with id '{id}'."));
        var body = await JsonBody.ReadAsync(http.Request);
        return new Change(workshop, body, body.Problem);
    }

    private static bool SameInvitations(Proposal before, Proposal after) =>
        before.Capacity == after.Capacity
        && before.Invitations.OrderBy(i => i.Ministry, StringComparer.Ordinal).SequenceEqual(after.Invitations.OrderBy(i => i.Ministry, StringComparer.Ordinal));

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
