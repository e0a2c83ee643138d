using System.Text.Json;
using Approvals.Proposals;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Approvals.Http;

/// <summary>The staff and manager JSON API: submit, resubmit, cancel, status, list. Both hosts call these.</summary>
public sealed class WorkshopsApi(
    ProposalIntake intake, WorkshopStore workshops, DirectoryStore directory, StatusQuery status, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Problem is not null) return body.Problem;
        var reading = ProposalReader.Read(body.Root, await directory.LoadAsync(), Today());
        if (!reading.IsValid) return Problems.Validation(reading.Errors, "The proposal has invalid fields.");

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 200) return Problems.Field(StatusCodes.Status400BadRequest, "Idempotency-Key", "Must be at most 200 characters.", "Invalid header.");
        var result = await intake.SubmitAsync(reading.Proposal!, body.Raw, key, client);
        if (result.ConflictReason is { } reason)
        {
            return Problems.Field(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key", reason, "Idempotency-Key reused.");
        }

        return await Accepted(result.WorkshopId!, client);
    }

    public async Task<IResult> ResubmitAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (workshop, body, problem) = await ForChange(http, id);
        if (problem is not null) return problem;
        var reading = ProposalReader.Read(body.Root, await directory.LoadAsync(), Today());
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

    public async Task<IResult> CancelAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (workshop, body, problem) = await ForChange(http, id);
        if (problem is not null) return problem;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var reason = body.Root.ValueKind == JsonValueKind.Object && body.Root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
            ? r.GetString()!.Trim()
            : null;
        if (string.IsNullOrEmpty(reason)) errors["reason"] = ["Is required: say why the workshop is cancelled."];
        else if (reason.Length > 2000) errors["reason"] = ["Must be at most 2000 characters."];
        var actor = body.Root.ValueKind == JsonValueKind.Object && body.Root.TryGetProperty("cancelledBy", out var c) && c.ValueKind == JsonValueKind.String
            ? c.GetString()!.Trim()
            : "staff";
        if (errors.Count > 0) return Problems.Validation(errors, "The cancellation has invalid fields.");
        if (workshop.Stage.IsTerminal())
        {
            return Problems.Conflict($"The workshop is already {workshop.Stage}; only a workshop in progress can be cancelled.");
        }

        await client.RaiseEventAsync(id, WorkflowEvents.CancelRequested, new CancelRequested(reason!, actor, time.GetUtcNow()));
        return await Accepted(id, client);
    }

    public async Task<IResult> GetAsync(DurableTaskClient client, string id)
    {
        var found = await status.GetAsync(id, client);
        return found is null ? Problems.NotFound($"No workshop with id '{id}'.") : Results.Json(found, Json.Options);
    }

    public async Task<IResult> ListAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var query = http.Request.Query;
        Stage? stage = null;
        if (query["stage"].ToString() is { Length: > 0 } s)
        {
            if (!Enum.TryParse<Stage>(s, ignoreCase: true, out var parsed) || int.TryParse(s, out _))
            {
                return Problems.Field(StatusCodes.Status400BadRequest, "stage", $"Unknown stage '{s}'. Use one of {string.Join(", ", Enum.GetNames<Stage>())}.", "Invalid query.");
            }

            stage = parsed;
        }

        var overdue = false;
        if (query["overdue"].ToString() is { Length: > 0 } o && !bool.TryParse(o, out overdue))
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "overdue", "Must be true or false.", "Invalid query.");
        }

        var token = query["continuationToken"].ToString();
        try
        {
            var page = await workshops.ListAsync(stage, overdue, token.Length == 0 ? null : token, PageSize);
            return Results.Json(page, Json.Options);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 400)
        {
            return Problems.Field(StatusCodes.Status400BadRequest, "continuationToken", "Is not a token this list returned.", "Invalid query.");
        }
    }

    private async Task<IResult> Accepted(string id, DurableTaskClient client)
    {
        var found = await status.GetAsync(id, client);
        return new WithLocation(Results.Json(found, Json.Options, statusCode: StatusCodes.Status202Accepted), $"/api/workshops/{id}");
    }

    /// <summary>The stored workshop and the request's JSON body, or the problem (404, bad body) that stops a change.</summary>
    private async Task<(WorkshopRecord Workshop, JsonBody Body, IResult? Problem)> ForChange(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var workshop = await workshops.GetAsync(id);
        if (workshop is null) return (null!, null!, Problems.NotFound($"No workshop with id '{id}'."));
        var body = await JsonBody.ReadAsync(http.Request);
        return (workshop, body, body.Problem);
    }

    private static bool SameInvitations(Proposal before, Proposal after) =>
        before.Capacity == after.Capacity
        && before.Invitations.OrderBy(i => i.Ministry, StringComparer.Ordinal).SequenceEqual(after.Invitations.OrderBy(i => i.Ministry, StringComparer.Ordinal));

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Adds a Location header to any result.</summary>
    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
