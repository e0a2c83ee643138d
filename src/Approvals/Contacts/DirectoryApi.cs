using Approvals.Handovers;
using Approvals.Http;
using Approvals.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;
using Microsoft.Net.Http.Headers;

namespace Approvals.Contacts;

/// <summary><c>GET|PUT /api/directory</c> and <c>GET /api/directory/changes</c> (staff key): the directory as one
/// document with an entity tag; a change must name the version it replaces (<c>If-Match</c>), so two editors cannot
/// overwrite each other. A change applies to the requests sent after it.</summary>
public sealed class DirectoryApi(DirectoryStore store, WorkshopStore workshops, TimeProvider time)
{
    /// <summary>Who made a change, as the history shows it: the key identifies staff, not a person.</summary>
    public const string ActorHeader = "X-Changed-By";

    /// <summary>On a change: how many waiting requests were handed over because their holder left the directory.</summary>
    public const string MovedHeader = "X-Requests-Handed-Over";

    public const int MaxChangesListed = 100;

    /// <summary>The stored document stays far below what one table property holds.</summary>
    private const int MaxStoredLength = 30_000;

    public async Task<IResult> GetAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = await store.ReadAsync();
        http.Response.Headers.ETag = current.ETag;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(current.Directory, Json.Options);
    }

    public async Task<IResult> PutAsync(HttpContext http, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var ifMatch = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (ifMatch.Length == 0)
        {
            return Problems.Field(StatusCodes.Status428PreconditionRequired, HeaderNames.IfMatch,
                "Send the ETag of the directory you edited (GET /api/directory returns it), so a change made meanwhile is not overwritten.",
                "If-Match is required.");
        }

        var actor = http.Request.Headers[ActorHeader].ToString().Trim();
        if (actor.Length > 254 || actor.Any(char.IsControl))
        {
            return Problems.Field(StatusCodes.Status400BadRequest, ActorHeader, "Must be at most 254 characters on one line (a name or an email address).", "Invalid header.");
        }

        var body = await JsonBody.ReadAsync(http.Request);
        if (body.Problem is { } malformed) return malformed;
        var (directory, errors) = DirectoryReader.Read(body.Root);
        if (directory is null) return Problems.Validation(errors, "The directory has invalid fields.");
        if (Json.Store(directory).Length > MaxStoredLength)
        {
            return Problems.Field(StatusCodes.Status413PayloadTooLarge, "$", $"The directory takes more than {MaxStoredLength} characters once stored.", "Directory too large.");
        }

        var at = time.GetUtcNow();
        var changedBy = actor.Length == 0 ? "staff" : actor;
        ProjectDirectory? previous = null;
        var (replaced, current) = await store.ReplaceAsync(directory, ifMatch, (before, after) =>
        {
            previous = before.Directory;
            return new DirectoryChange(Guid.NewGuid().ToString("N"), at, changedBy, DirectoryDiff.Summarize(before.Directory, after.Directory), before.ETag, after.ETag);
        });
        http.Response.Headers.ETag = current.ETag;
        if (!replaced)
        {
            return Problems.Field(StatusCodes.Status412PreconditionFailed, HeaderNames.IfMatch,
                $"The directory changed since you read it (it is now {current.ETag}). GET it again, redo your edit and send it with the new ETag. Nothing was changed.",
                "The directory changed meanwhile.");
        }

        // Someone taken out of the directory no longer holds the requests already waiting on them either.
        var moves = DirectoryHandovers.Moves(previous!, directory);
        var asked = moves.Count == 0 ? 0 : await DirectoryHandovers.TellOpenWorkshopsAsync(client, workshops, previous!, moves, changedBy, at, http.RequestAborted);
        http.Response.Headers[MovedHeader] = asked.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(current.Directory, Json.Options);
    }

    public async Task<Ok<IReadOnlyList<DirectoryChange>>> ChangesAsync() => TypedResults.Ok(await store.ChangesAsync(MaxChangesListed));
}
