using Approvals.Events;
using Approvals.Http;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Approvals.Participants;

/// <summary><c>GET|HEAD /api/answers/{token}</c>: a participant's page to say whether they will attend; <c>POST</c>:
/// their answer, as a form. The workshop's run records it.</summary>
public sealed class AnswerLinks(LinkGate gate, ParticipantStore roster, IOptions<ApprovalsOptions> options, TimeProvider time)
{
    public const int MaxReason = 500;

    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await OpenAsync(token);
        if (link is null) return refusal!;
        return await PageAsync(link.Value.Link, link.Value.Participant, null, StatusCodes.Status200OK);
    }

    public async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (opened, refusal) = await OpenAsync(token);
        if (opened is not { } o) return refusal!;
        if (RosterLinks.NotAForm(http.Request) is { } notAForm) return notAForm;
        var form = await FormBody.TryReadAsync(http.Request) ?? FormCollection.Empty;
        var answer = form["answer"].ToString() switch
        {
            "attending" => ParticipantAnswer.Attending,
            "declined" => ParticipantAnswer.Declined,
            _ => ParticipantAnswer.None,
        };
        var reason = form["reason"].ToString().Trim();
        if (answer == ParticipantAnswer.None) return await PageAsync(o.Link, o.Participant, "Choose “I will attend” or “I cannot attend”. Nothing was recorded. / 请选择“我将参加”或“我无法参加”。未记录任何内容。", StatusCodes.Status400BadRequest);
        if (reason.Length > MaxReason) return await PageAsync(o.Link, o.Participant, $"The reason is longer than {MaxReason} characters. Nothing was recorded. / 原因超过 {MaxReason} 个字符。未记录任何内容。", StatusCodes.Status400BadRequest);
        if (Closed(o.Link)) return await PageAsync(o.Link, o.Participant, null, StatusCodes.Status409Conflict);

        var receipt = Guid.NewGuid().ToString("N");
        var request = new ParticipantAnswered(o.Participant.Id, answer, answer == ParticipantAnswer.Declined && reason.Length > 0 ? reason : null,
            time.GetUtcNow(), receipt, LinkReceipts.Visit(http, o.Link.Claims.Recipient));
        var heard = await RosterLinks.RaiseAsync(client, o.Link, options.Value, WorkflowEvents.ParticipantAnswered, request, receipt, http.RequestAborted);
        var titleZh = o.Link.Workshop.Proposal.TitleZh ?? o.Link.Workshop.Title;
        return RosterLinks.Heard(heard, () => answer == ParticipantAnswer.Attending
            ? Pages.Message(StatusCodes.Status200OK, "Thank you — you will attend", "谢谢——您将参加",
                $"Your answer for “{o.Link.Workshop.Title}” is recorded. You can change it with the same link until the workshop begins.",
                $"您对“{titleZh}”的答复已记录。研讨会开始前可使用同一链接更改。", ok: true)
            : Pages.Message(StatusCodes.Status200OK, "Thank you — your answer is recorded", "谢谢——已记录您的答复",
                $"You cannot attend “{o.Link.Workshop.Title}”. Your ministry's focal point has been told and may send someone in your place.",
                $"您无法参加“{titleZh}”。已通知贵单位联络人，其可另派人员替代。", ok: true));
    }

    private bool Closed(OpenedLink link) => time.GetUtcNow() >= RosterRules.FirstDay(Schedule.Of(link.Workshop.Proposal));

    private async Task<((OpenedLink Link, Participant Participant)? Opened, IResult? Refusal)> OpenAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Answer);
        if (link is null) return (null, refusal);
        if (RosterLinks.NotPublished(link) is { } closed) return (null, closed);

        // Read as a list: a workshop published before the roster existed gets it here.
        var participant = (await roster.ListAsync(link.Workshop.Id)).FirstOrDefault(p => p.Id == link.Claims.Party);
        if (participant is null || !participant.IsInvited)
        {
            return (null, Pages.Message(StatusCodes.Status410Gone, "You are no longer on the list", "您已不在名单中",
                $"Your ministry withdrew or replaced you for “{link.Workshop.Title}”. Nothing was changed.",
                $"贵单位已将您从“{link.Workshop.Proposal.TitleZh ?? link.Workshop.Title}”的名单中撤回或替换。未作任何更改。"));
        }

        return ((link, participant), null);
    }

    private Task<IResult> PageAsync(OpenedLink link, Participant participant, string? error, int status) =>
        Task.FromResult(Pages.Render<AnswerPage>(new()
        {
            [nameof(AnswerPage.Link)] = link,
            [nameof(AnswerPage.Participant)] = participant,
            [nameof(AnswerPage.Closed)] = Closed(link),
            [nameof(AnswerPage.Error)] = error,
        }, status));
}
