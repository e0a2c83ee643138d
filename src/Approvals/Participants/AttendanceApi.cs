using Approvals.Http;
using Approvals.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace Approvals.Participants;

/// <summary><c>PUT /api/workshops/{id}/attendance</c>: staff record who came, answered with the workshop's status
/// (now Held, with its attendance counts).</summary>
public sealed class AttendanceApi(AttendanceRecorder recorder, StatusQuery status)
{
    public async Task<Results<Ok<WorkshopStatus>, ProblemHttpResult>> PutAsync(HttpContext http, DurableTaskClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Problem is { } malformed) return malformed;
        var (request, errors) = AttendanceRequest.Read(body.Root, "api");
        if (request is null) return Problems.Validation(errors, "The attendance has invalid fields.");
        var result = await recorder.RecordAsync(id, request);
        if (result.Refusal is { } refused)
        {
            return refused.Status == StatusCodes.Status404NotFound
                ? Problems.NotFound(refused.TextEn)
                : TypedResults.Problem(new HttpValidationProblemDetails(refused.Errors.ToDictionary())
                {
                    Title = refused.Status == StatusCodes.Status409Conflict ? "Attendance cannot be recorded now." : "The attendance names people it cannot mark.",
                    Status = refused.Status,
                    Detail = "Nothing was recorded.",
                });
        }

        return TypedResults.Ok((await status.GetAsync(id, client))!);
    }
}
