using Approvals.Handovers;
using Approvals.Http;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Approvals.Review;

/// <summary><c>GET|HEAD /api/decisions/{token}</c> shows the facts and a form and never decides;
/// <c>POST</c> decides exactly once per workshop, stage and round.</summary>
public sealed class DecisionLinks(
    LinkGate gate, DecisionStore decisions, NominationStore nominations, DirectoryStore directory, AuditLog audit,
    PassOnForms passOn, ApprovalsMetrics metrics, TimeProvider time, ILogger<DecisionLinks> logger)
{
    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Decision);
        if (link is null) return refusal!;
        if (await decisions.GetAsync(link.Workshop.Id, link.Claims.Stage, link.Claims.Round) is { } done) return AlreadyRecorded(done);
        if (LinkGate.StillOpen(link) is { } closed) return closed;
        if (LinkGate.StillHeld(link) is { } passed) return passed;
        return await Form(link, error: null, comment: null, StatusCodes.Status200OK);
    }

    public async Task<IResult> DecideAsync(HttpContext http, DurableTaskClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Decision);
        if (link is null) return refusal!;
        var (claims, workshop) = (link.Claims, link.Workshop);

        // A decided step answers as decided. Its stored decision is read only where this page would otherwise refuse or
        // do something else (a closed or passed-on link, a pass-on, a form that chose nothing); a valid form sent again
        // is told by the insert below, so the first decision reads nothing before it is stored.
        async Task<IResult> UnlessDecided(Func<Task<IResult>> otherwise) =>
            await decisions.GetAsync(workshop.Id, claims.Stage, claims.Round) is { } done ? await Replay(link, done, client, http.RequestAborted) : await otherwise();

        if (LinkGate.StillOpen(link) is { } closed) return await UnlessDecided(() => Task.FromResult(closed));
        if (LinkGate.StillHeld(link) is { } passed) return await UnlessDecided(() => Task.FromResult(passed));

        IFormCollection? form;
        try
        {
            form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        }
        catch (InvalidDataException)
        {
            // A form that cannot be read (broken multipart) chose nothing: the page asks for a choice again.
            form = null;
        }

        if (PassOnForms.IsPassOn(form)) return await UnlessDecided(() => passOn.PassOnAsync(http, client, link, form!));
        var decisionText = form?["decision"].ToString() ?? string.Empty;
        var comment = form?["comment"].ToString().Trim() ?? string.Empty;
        Decision decision;
        switch (decisionText)
        {
            case "approve": decision = Decision.Approve; break;
            case "reject": decision = Decision.Reject; break;
            case "changes": decision = Decision.Changes; break;
            default:
                return await UnlessDecided(() => Form(link, "Nothing was recorded: choose Approve, Request changes or Reject, then press the button. / 尚未记录任何决定：请选择批准、要求修改或拒绝，然后按按钮。", comment, StatusCodes.Status400BadRequest));
        }

        if (decision != Decision.Approve && comment.Length == 0)
        {
            return await UnlessDecided(() => Form(link, "A comment is required to reject or request changes. / 拒绝或要求修改时必须填写意见。", comment, StatusCodes.Status400BadRequest, decisionText));
        }

        if (comment.Length > 2000 || Json.StoredLength(comment) > 4000)
        {
            return await UnlessDecided(() => Form(link, "The comment is longer than 2000 characters (emoji count as 6, line breaks as 2). / 意见超过2000字（表情符号按6字、换行按2字计）。", comment, StatusCodes.Status400BadRequest, decisionText));
        }

        var candidate = new StoredDecision(workshop.Id, claims.Stage, claims.Round, claims.Party, decision,
            comment.Length == 0 ? null : comment, link.TokenId, time.GetUtcNow(), Raised: false, LinkReceipts.Visit(http, claims.Recipient));
        var (won, stored) = await decisions.TryRecordAsync(candidate);
        if (!won) return await Replay(link, stored, client, http.RequestAborted);
        metrics.DecisionRecorded(claims.Stage, decision);

        // Everything after the insert can be redone from the stored row alone: until the row is marked raised (after
        // its audit line), DecisionRecovery writes the same audit line and raises the same event, and the workflow takes
        // one decision per step. So the event goes first, and the line and the mark are written while the workflow works.
        using var since = WorkflowAnswers.ListenBeforeRaising(workshop.Id);
        await client.RaiseEventAsync(stored.WorkshopId, WorkflowEvents.DecisionRecorded, stored.ToEvent() with { Directory = await directory.LoadAsync() });
        var kept = KeepAsync(stored);
        logger.LogInformation("Workshop {WorkshopId}: {Decision} at {Stage} round {Round} by {Approver}", workshop.Id, decision, claims.Stage, claims.Round, claims.Party);
        WorkflowAnswer answer;
        try
        {
            answer = await AnswerTo(stored, client, http.RequestAborted, since);
        }
        finally
        {
            await kept;
        }

        return answer.Hearing != Hearing.Used
            ? NotConfirmed(stored, answer)
            : Pages.Message(StatusCodes.Status200OK, "Thank you — your decision is recorded", "谢谢——您的决定已记录",
                $"{Verb(decision)}: “{workshop.Title}”.{(stored.Comment is null ? string.Empty : $" Comment: {stored.Comment}")}",
                $"{VerbZh(decision)}：“{workshop.Proposal.TitleZh ?? workshop.Title}”。", ok: true);
    }

    /// <summary>A second use of a decided step (another click, a double submit) raises nothing: only the request that
    /// stored the decision raises it, and DecisionRecovery if that request died first. While the workshop still shows
    /// the step open, the page waits for the workflow's answer like the first one, so both pages say the same.</summary>
    private static async Task<IResult> Replay(OpenedLink link, StoredDecision done, DurableTaskClient client, CancellationToken cancellation)
    {
        if (link.Workshop.Stage != done.Stage || link.Workshop.Round != done.Round) return AlreadyRecorded(done);
        var answer = await AnswerTo(done, client, cancellation);
        return answer.Hearing == Hearing.Used ? AlreadyRecorded(done) : NotConfirmed(done, answer);
    }

    /// <summary>The raised decision's audit line, then its mark: a crash before the mark leaves the row to DecisionRecovery.</summary>
    private async Task KeepAsync(StoredDecision d)
    {
        await audit.AppendAsync(d.WorkshopId, d.ToAuditEntry()!);
        await decisions.MarkRaisedAsync(d);
    }

    private static Task<WorkflowAnswer> AnswerTo(StoredDecision d, DurableTaskClient client, CancellationToken cancellation, InstanceChanges.Watch? since = null) =>
        client.AnswerToAsync(d.WorkshopId, DecisionRecorded.ReceiptOf(d.Stage, d.Round), s => s.Stage == d.Stage && s.Round == d.Round, since, cancellation);

    /// <summary>A decision the workflow did not take (it had ended or moved on), or has not confirmed yet: never "recorded".</summary>
    private static IResult NotConfirmed(StoredDecision d, WorkflowAnswer answer) => answer.Hearing == Hearing.Unconfirmed
        ? Pages.Message(StatusCodes.Status202Accepted, "We are checking your decision", "我们正在核对您的决定",
            $"Your decision ({Verb(d.Decision)}) reached us and is kept, but the workflow has not confirmed it yet. It is normally taken up within minutes — you need not click again — unless the workshop is cancelled or expires first.",
            $"您的决定（{VerbZh(d.Decision)}）已送达并保存，但流程尚未确认。通常几分钟内即会处理，无需再次点击；除非研讨会在此之前被取消或过期。")
        : Pages.Message(StatusCodes.Status409Conflict, "Your decision was not used", "您的决定未被采用",
            $"The workshop had already moved on{(answer.Stage is { } stage ? $" (it is now at {stage})" : string.Empty)} when your decision ({Verb(d.Decision)}) arrived, so it changed nothing.{(answer.Why is null ? string.Empty : $" {answer.Why}")}",
            $"您的决定（{VerbZh(d.Decision)}）送达时研讨会已进入下一阶段{(answer.Stage is { } zh ? $"（现为 {zh}）" : string.Empty)}，因此未作任何更改。");

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
