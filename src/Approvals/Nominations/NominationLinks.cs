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
    LinkGate gate, NominationStore nominations, DirectoryStore directory, AuditLog audit, LinkReceipts receipts, TimeProvider time,
    ILogger<NominationLinks> logger)
{
    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Nomination);
        if (link is null) return refusal!;
        if (Closed(link) is { } closed) return closed;
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

        var (claims, workshop) = (link.Claims, link.Workshop);
        if (!json && !http.Request.HasFormContentType)
        {
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                "Send the form (application/x-www-form-urlencoded) or application/json.", "Unsupported media type.");
        }

        var draft = json ? await SlateReader.FromJsonAsync(http.Request) : SlateReader.FromForm(await http.Request.ReadFormAsync());
        if (draft.Problem is not null) return draft.Problem;
        var slate = new Slate(claims.Party, draft.Nominees, draft.Decline, claims.Recipient, time.GetUtcNow());
        var errors = new Dictionary<string, string[]>(draft.Errors, StringComparer.Ordinal);
        if (!errors.ContainsKey(SlateReader.ConfirmDecline))
        {
            foreach (var (field, messages) in SlateRules.Check(workshop.Proposal, slate, await nominations.ListAsync(workshop.Id))) errors.TryAdd(field, messages);
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
            LinkGate.ClientIp(http), http.Request.Headers.UserAgent.ToString()));
        await client.RaiseEventAsync(workshop.Id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(slate, link.TokenId));
        await receipts.SlateAsync(http, link, slate);
        logger.LogInformation("Workshop {WorkshopId}: slate from {Ministry} with {Count} nominee(s), declined {Declined}",
            workshop.Id, claims.Party, slate.Nominees.Count, slate.Declined);

        if (json) return Results.Json(new { workshopId = workshop.Id, ministry = claims.Party, declined = slate.Declined, nominees = slate.Nominees.Count }, Json.Options, statusCode: StatusCodes.Status202Accepted);
        var titleZh = workshop.Proposal.TitleZh ?? workshop.Title;
        return slate.Declined
            ? Pages.Message(StatusCodes.Status200OK, "Thank you — your decline is recorded", "谢谢——已记录贵单位不参加",
                $"{claims.Party} will not nominate participants for “{workshop.Title}”. You can still send a slate with the same link until nominations close.",
                $"{claims.Party} 将不为“{titleZh}”提名参加者。在提名截止前仍可使用同一链接提交名单。", ok: true)
            : Pages.Message(StatusCodes.Status200OK, "Thank you — your nominations are received", "谢谢——已收到提名",
                $"{slate.Nominees.Count} nominee(s) from {claims.Party} for “{workshop.Title}”. The list is now checked against the other ministries' lists; if a nominee turns out to be already nominated, you will get an email explaining what to correct. You can replace the list with the same link until nominations close.",
                $"已收到 {claims.Party} 为“{titleZh}”提名的 {slate.Nominees.Count} 人。系统将与其他部委的名单核对；如有学员已被其他单位提名，您将收到说明如何更正的电子邮件。在提名截止前可使用同一链接更新名单。", ok: true);
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
