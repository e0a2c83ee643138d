using Approvals.Http;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Approvals.Review;

/// <summary><c>GET|HEAD /api/decisions/{token}</c> shows the facts and a form and never decides;
/// <c>POST</c> decides exactly once per workshop, stage and round.</summary>
public sealed class DecisionLinks(
    LinkGate gate, DecisionStore decisions, NominationStore nominations, DirectoryStore directory, AuditLog audit, LinkReceipts receipts,
    TimeProvider time, ILogger<DecisionLinks> logger)
{
    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Decision);
        if (link is null) return refusal!;
        if (await decisions.GetAsync(link.Workshop.Id, link.Claims.Stage, link.Claims.Round) is { } done) return AlreadyRecorded(done);
        if (LinkGate.StillOpen(link) is { } closed) return closed;
        return await Form(link, error: null, comment: null, StatusCodes.Status200OK);
    }

    public async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Decision);
        if (link is null) return refusal!;
        var (claims, workshop) = (link.Claims, link.Workshop);
        if (await decisions.GetAsync(workshop.Id, claims.Stage, claims.Round) is { } done) return await Replay(done, client);
        if (LinkGate.StillOpen(link) is { } closed) return closed;

        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        var decisionText = form?["decision"].ToString() ?? string.Empty;
        var comment = form?["comment"].ToString().Trim() ?? string.Empty;
        Decision decision;
        switch (decisionText)
        {
            case "approve": decision = Decision.Approve; break;
            case "reject": decision = Decision.Reject; break;
            case "changes": decision = Decision.Changes; break;
            default:
                return await Form(link, "Nothing was recorded: choose Approve, Request changes or Reject, then press the button. / 尚未记录任何决定：请选择批准、要求修改或拒绝，然后按按钮。", comment, StatusCodes.Status400BadRequest);
        }

        if (decision != Decision.Approve && comment.Length == 0)
        {
            return await Form(link, "A comment is required to reject or request changes. / 拒绝或要求修改时必须填写意见。", comment, StatusCodes.Status400BadRequest, decisionText);
        }

        if (comment.Length > 2000) return await Form(link, "The comment is longer than 2000 characters. / 意见超过2000字。", comment, StatusCodes.Status400BadRequest, decisionText);

        var candidate = new StoredDecision(workshop.Id, claims.Stage, claims.Round, claims.Party, decision,
            comment.Length == 0 ? null : comment, link.TokenId, time.GetUtcNow(), Raised: false);
        var (won, stored) = await decisions.TryRecordAsync(candidate);
        if (!won) return await Replay(stored, client);

        await audit.AppendAsync(workshop.Id, new AuditEntry(link.TokenId, stored.At, claims.Stage, AuditActions.DecisionVia(decision), claims.Recipient,
            stored.Comment, link.TokenId, "link", LinkGate.ClientIp(http), http.Request.Headers.UserAgent.ToString()));
        await receipts.DecisionAsync(http, link, stored);
        await Raise(stored, client);
        logger.LogInformation("Workshop {WorkshopId}: {Decision} at {Stage} round {Round} by {Approver}", workshop.Id, decision, claims.Stage, claims.Round, claims.Party);
        return Pages.Message(StatusCodes.Status200OK, "Thank you — your decision is recorded", "谢谢——您的决定已记录",
            $"{Verb(decision)}: “{workshop.Title}”.{(stored.Comment is null ? string.Empty : $" Comment: {stored.Comment}")}",
            $"{VerbZh(decision)}：“{workshop.Proposal.TitleZh ?? workshop.Title}”。", ok: true);
    }

    /// <summary>A second use of a decided step: raise the event again if the first attempt died before raising it.</summary>
    private async Task<IResult> Replay(StoredDecision done, DurableTaskClient client)
    {
        if (!done.Raised) await Raise(done, client);
        return AlreadyRecorded(done);
    }

    private async Task Raise(StoredDecision d, DurableTaskClient client)
    {
        // The decision is stored first; if this process dies before the event is raised, DecisionRecovery (or the
        // next click on the same link) raises it.
        await client.RaiseEventAsync(d.WorkshopId, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(d.Stage, d.Round, d.Approver, d.Decision, d.Comment, d.TokenId, d.At));
        await decisions.MarkRaisedAsync(d);
    }

    private static IResult AlreadyRecorded(StoredDecision d) =>
        Pages.Message(StatusCodes.Status200OK, "This decision is already recorded", "此决定已记录",
            $"{Verb(d.Decision)} by {d.Approver} on {d.At:yyyy-MM-dd HH:mm} UTC. Nothing more is needed.",
            $"{d.Approver} 已于 {d.At:yyyy-MM-dd HH:mm} UTC {VerbZh(d.Decision)}。无需其他操作。", ok: true);

    private async Task<IResult> Form(OpenedLink link, string? error, string? comment, int status, string? choice = null)
    {
        var donor = link.Claims.Stage == Stage.DonorSignOff;
        return Pages.Render<DecisionPage>(new()
        {
            [nameof(DecisionPage.Link)] = link,
            [nameof(DecisionPage.Directory)] = await directory.LoadAsync(),
            [nameof(DecisionPage.Slates)] = donor ? await nominations.ListAsync(link.Workshop.Id) : [],
            [nameof(DecisionPage.Error)] = error,
            [nameof(DecisionPage.Comment)] = comment,
            [nameof(DecisionPage.Choice)] = choice,
        }, status);
    }

    private static string Verb(Decision d) => d switch
    {
        Decision.Approve => "Approved",
        Decision.Reject => "Rejected",
        _ => "Changes requested",
    };

    private static string VerbZh(Decision d) => d switch
    {
        Decision.Approve => "已批准",
        Decision.Reject => "已拒绝",
        _ => "已要求修改",
    };
}
