using Microsoft.AspNetCore.Http;

namespace Approvals.Http;

/// <summary>RFC 9457 problem responses with the field that is wrong and why.</summary>
public static class Problems
{
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string title = "The request has invalid fields.") =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value), title: title, statusCode: StatusCodes.Status400BadRequest);

    public static IResult Field(int status, string field, string message, string title) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: title, statusCode: status);

    public static IResult NotFound(string what) =>
        Results.Problem(title: "Not found.", detail: what, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail, string field = "stage") =>
        Field(StatusCodes.Status409Conflict, field, detail, "The workshop is not in a state that allows this.");

    public static IResult Unauthorized() =>
        Results.Problem(title: "A key is required.", detail: "Send the key as the x-functions-key header or the code query parameter.",
            statusCode: StatusCodes.Status401Unauthorized);
}
