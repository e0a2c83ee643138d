using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approvals.Http;

/// <summary>RFC 9457 problem responses with the field that is wrong and why.</summary>
public static class Problems
{
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors, string title = "The request has invalid fields.") =>
        Fields(StatusCodes.Status400BadRequest, errors.ToDictionary(e => e.Key, e => e.Value), title);

    public static ProblemHttpResult Field(int status, string field, string message, string title) =>
        Fields(status, new Dictionary<string, string[]> { [field] = [message] }, title);

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Not found.", detail: what, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail, string field = "stage") =>
        Field(StatusCodes.Status409Conflict, field, detail, "The workshop is not in a state that allows this.");

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(title: "A key is required.", detail: "Send the key as the x-functions-key header, the code query parameter, or the password of HTTP Basic authentication (any user name).",
            statusCode: StatusCodes.Status401Unauthorized);

    private static ProblemHttpResult Fields(int status, Dictionary<string, string[]> errors, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = title, Status = status });
}
