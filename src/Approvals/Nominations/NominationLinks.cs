using Approvals.Handovers;
using Approvals.Http;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Approvals.Nominations;

/// <summary><c>GET|HEAD /api/nominations/{token}</c>: the ministry's slate form, prefilled; <c>POST</c>: a slate or a
/// decline, as form fields or JSON. A slate may be replaced until the window closes.</summary>
public sealed class NominationLinks(
    LinkGate gate, NominationStore nominations, DirectoryStore directory, AuditLog audit, PassOnForms passOn, TimeProvider time,
    ILogger<NominationLinks> logger)
{
    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Nomination);
        if (link is null) return refusal!;
        if (Closed(link) is { } closed) return closed;
        if (LinkGate.StillHeld(link) is { } passed) return passed;
        var slates = await nominations.ListAsync(link.Workshop.Id);
        var mine = slates.FirstOrDefault(s => string.Equals(s.Ministry, link.Claims.Party, StringComparison.OrdinalIgnoreCase));
        return await Form(link, mine?.Nominees ?? [], new Dictionary<string, string[]>(), mine, StatusCodes.Status200OK);
    }

    public async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var json = http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Nomination);
        if (link is null) return json ? Problems.Field(StatusCodes.Status400BadRequest, "token", "The link is not valid or has expired.", "Invalid link.") : refusal!;
        if (Closed(link) is { } closed)
        {
            return json ? Problems.Conflict($"Nominations are closed: the workshop is at {link.Workshop.Stage}.", "token") : closed;
        }

        if (LinkGate.StillHeld(link) is { } passed)
        {
            return json ? Problems.Field(StatusCodes.Status410Gone, "token", "This request was passed on to someone else; this link sends nothing.", "Passed on.") : passed;
        }

        var (claims, workshop) = (link.Claims, link.Workshop);
        if (!json && !http.Request.HasFormContentType)
        {
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                "Send the form (application/x-www-form-urlencoded) or application/json.", "Unsupported media type.");
        }

        var draft = json ? await SlateReader.FromJsonAsync(http.Request) : await SlateReader.FromFormAsync(http.Request);
        if (draft.Problem is not null) return draft.Problem;

        // The form was read within the slate's limits above; this is that same form.
        if (!json && await http.Request.ReadFormAsync() is var form && PassOnForms.IsPassOn(form)) return await passOn.PassOnAsync(http, client, link, form);
        var slate = new Slate(claims.Party, draft.Nominees, draft.Decline, claims.Recipient, time.GetUtcNow());
        var onFile = await nominations.ListStoredAsync(workshop.Id);
        if (draft.Errors.Count == 0 && IsStored(workshop, slate, onFile)) return Unchanged(link, slate, json);
        var errors = new Dictionary<string, string[]>(draft.Errors, StringComparer.Ordinal);
        if (!errors.ContainsKey(SlateReader.ConfirmDecline))
        {
            foreach (var (field, messages) in SlateRules.Check(workshop.Proposal, slate, [.. onFile.Select(s => s.Slate)])) errors.TryAdd(field, messages);
        }

        if (errors.Count > 0)
        {
            return json
                ? Problems.Validation(errors, "The slate has invalid fields.")
                : await Form(link, draft.Nominees, errors, null, StatusCodes.Status400BadRequest);
        }

        await audit.AppendAsync(workshop.Id, new AuditEntry(Guid.NewGuid().ToString("N"), slate.SubmittedAt, Stage.Nominations,
            slate.Declined ? AuditActions.SlateDeclinedViaLink : AuditActions.SlateReceivedViaLink, claims.Recipient,
            slate.Declined ? claims.Party : $"{claims.Party}: {slate.Nominees.Count} nominee(s)", link.TokenId, "link",
            LinkGate.ClientIp(http), http.Request.Headers.UserAgent.ToString(), ClientAddress.ForwardedFor(http)));
        // The page says "received" only once the workflow answers that it keeps this very submission.
        var receipt = Guid.NewGuid().ToString("N");
        var answer = await client.RaiseAndHearAsync(workshop.Id, WorkflowEvents.SlateSubmitted,
            new SlateSubmitted(slate, link.TokenId, receipt, LinkReceipts.Visit(http, claims.Recipient)) { Directory = await directory.LoadAsync() }, receipt, s => s.Stage == Stage.Nominations, http.RequestAborted);
        logger.LogInformation("Workshop {WorkshopId}: slate from {Ministry} with {Count} nominee(s), declined {Declined}",
            workshop.Id, claims.Party, slate.Nominees.Count, slate.Declined);
        if (SlateAnswers.NotKept(json, link, slate, answer) is { } notKept) return notKept;

        if (json) return Results.Json(new { workshopId = workshop.Id, ministry = claims.Party, declined = slate.Declined, nominees = slate.Nominees.Count, outcome = "kept" }, Json.Options, statusCode: StatusCodes.Status202Accepted);
        var titleZh = workshop.Proposal.TitleZh ?? workshop.Title;
        return slate.Declined
            ? Pages.Message(StatusCodes.Status200OK, "Thank you — your decline is recorded", "谢谢——已记录贵单位不参加",
                $"{claims.Party} will not nominate participants for “{workshop.Title}”. You can still send a slate with the same link until nominations close.",
                $"{claims.Party} 将不为“{titleZh}”提名参加者。在提名截止前仍可使用同一链接提交名单。", ok: true)
            : Pages.Message(StatusCodes.Status200OK, "Thank you — your nominations are received", "谢谢——已收到提名",
                $"{slate.Nominees.Count} nominee(s) from {claims.Party} for “{workshop.Title}” are kept, checked against the other ministries' lists. You can replace the list with the same link until nominations close.",
                $"已收到并采用 {claims.Party} 为“{titleZh}”提名的 {slate.Nominees.Count} 人，已与其他部委的名单核对。在提名截止前可使用同一链接更新名单。", ok: true);
    }

    /// <summary>Whether this very list (or decline) is the one on file, so sending it again changes nothing.</summary>
    private static bool IsStored(WorkshopRecord workshop, Slate slate, IReadOnlyList<StoredSlate> onFile)
    {
        var ministry = workshop.Proposal.Invitations.FirstOrDefault(i => string.Equals(i.Ministry, slate.Ministry, StringComparison.OrdinalIgnoreCase))?.Ministry;
        return ministry is not null && onFile.FirstOrDefault(s => string.Equals(s.Slate.Ministry, ministry, StringComparison.Ordinal))?.Version == SlateFingerprint.Of(slate);
    }

    private static IResult Unchanged(OpenedLink link, Slate slate, bool json)
    {
        var (party, workshop) = (link.Claims.Party, link.Workshop);
        if (json) return Results.Json(new { workshopId = workshop.Id, ministry = party, declined = slate.Declined, nominees = slate.Nominees.Count, unchanged = true }, Json.Options);
        return Pages.Message(StatusCodes.Status200OK, "Already recorded — nothing changed", "已记录——未作更改",
            slate.Declined
                ? $"The decline of {party} for “{workshop.Title}” is already recorded. Nothing was changed."
                : $"This list of {slate.Nominees.Count} nominee(s) from {party} for “{workshop.Title}” is already recorded, unchanged. Nothing more is needed.",
            slate.Declined
                ? $"{party} 不参加“{workshop.Proposal.TitleZh ?? workshop.Title}”的答复已记录，未作更改。"
                : $"{party} 为“{workshop.Proposal.TitleZh ?? workshop.Title}”提名的 {slate.Nominees.Count} 人名单已记录，内容未变，无需其他操作。", ok: true);
    }

    private static IResult? Closed(OpenedLink link) =>
        link.Workshop.Stage == Stage.Nominations && link.Claims.Round <= link.Workshop.Round
            ? null
            : link.Workshop.Stage == Stage.Cancelled
                ? LinkGate.StillOpen(link)
                : Pages.Message(StatusCodes.Status410Gone, "Nominations are closed", "提名已截止",
                    $"Nominations for “{link.Workshop.Title}” are closed (the workshop is at {link.Workshop.Stage}). Nothing was changed.",
                    $"“{link.Workshop.Proposal.TitleZh ?? link.Workshop.Title}”的提名已截止。未作任何更改。");

    private async Task<IResult> Form(OpenedLink link, IReadOnlyList<Nominee> rows, IReadOnlyDictionary<string, string[]> errors, Slate? current, int status) =>
        Pages.Render<NominationPage>(new()
        {
            [nameof(NominationPage.Link)] = link,
            [nameof(NominationPage.Directory)] = await directory.LoadAsync(),
            [nameof(NominationPage.Rows)] = rows,
            [nameof(NominationPage.Errors)] = errors,
            [nameof(NominationPage.Current)] = current,
        }, status);
}
