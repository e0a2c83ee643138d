using Approvals.Events;
using Approvals.Http;
using Approvals.Links;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Approvals.Participants;

/// <summary>What the answer and substitution links share: only a published workshop's links open, a POST is a form,
/// and the page speaks only once the workshop's run has said what it made of the request.</summary>
internal static class RosterLinks
{
    public static IResult? NotPublished(OpenedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var workshop = link.Workshop;
        if (workshop.Stage == Stage.Published) return null;
        return workshop.Stage == Stage.Cancelled
            ? LinkGate.StillOpen(link)
            : Pages.Message(StatusCodes.Status409Conflict, "This list is not open", "此名单未开放",
                $"“{workshop.Title}” is at {workshop.Stage}, not published. Nothing was changed.",
                $"“{workshop.Proposal.TitleZh ?? workshop.Title}”尚未发布（当前阶段：{workshop.Stage}）。未作任何更改。");
    }

    public static IResult? NotAForm(HttpRequest request) => request.HasFormContentType
        ? null
        : Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "Send the form (application/x-www-form-urlencoded).", "Unsupported media type.");

    public static Task<WorkflowAnswer> RaiseAsync(DurableTaskClient client, OpenedLink link, ApprovalsOptions options, string eventName, object payload, string receipt,
        CancellationToken cancellation)
    {
        var workshop = link.Workshop;
        return EventRunStart.RaiseAsync(client, EventRunStart.InputOf(workshop.Id, workshop.Proposal, workshop.Round, options.Timing), eventName, payload, receipt, cancellation);
    }

    /// <summary>The page for what the run made of a request: <paramref name="done"/> when it took it.</summary>
    public static IResult Heard(WorkflowAnswer answer, Func<IResult> done) => answer.Hearing switch
    {
        Hearing.Used => done(),
        Hearing.Refused => Pages.Message(StatusCodes.Status409Conflict, "Not recorded — nothing changed", "未记录——未作任何更改",
            answer.Why ?? "The request could not be taken.", $"请求未被采纳，未作任何更改。{answer.Why}"),
        Hearing.Unconfirmed => Pages.Message(StatusCodes.Status503ServiceUnavailable, "Not confirmed yet", "尚未确认",
            "The request is queued but not confirmed yet; it may still take effect. Open the link again in a minute to see the list as it is.",
            "请求已排队但尚未确认，可能仍会生效。请一分钟后再次打开链接查看当前名单。"),
        _ => Pages.Message(StatusCodes.Status409Conflict, "The workshop's list is closed", "名单已关闭",
            "The workshop is over or was cancelled before this request arrived. Nothing was changed.",
            "此请求到达前研讨会已结束或已取消。未作任何更改。"),
    };
}
