using Approvals.Http;
using Approvals.Links;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Nominations;

/// <summary>What the ministry is told about a slate the workflow did not confirm as kept: refused (with the reasons),
/// too late (nominations closed in the meantime), or not confirmed yet. Never "received".</summary>
internal static class SlateAnswers
{
    /// <summary>The answer to show, or null when the workflow kept the slate.</summary>
    public static IResult? NotKept(bool json, OpenedLink link, Slate slate, WorkflowAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(slate);
        ArgumentNullException.ThrowIfNull(answer);
        var (title, titleZh) = (link.Workshop.Title, link.Workshop.Proposal.TitleZh ?? link.Workshop.Title);
        var what = slate.Declined ? "decline" : "list";
        var whatZh = slate.Declined ? "不参加的答复" : "名单";
        return answer.Hearing switch
        {
            Hearing.Used => null,
            Hearing.Refused => json
                ? Problems.Conflict($"The slate was not kept: {answer.Why}", "nominees")
                : Pages.Message(StatusCodes.Status409Conflict, "Your list was not kept", "您的名单未被采用",
                    $"The {what} from {slate.Ministry} for “{title}” was not kept: {answer.Why} Correct it and send it again with the same link.",
                    $"{slate.Ministry} 为“{titleZh}”提交的{whatZh}未被采用（原因见英文说明）。请更正后使用同一链接重新提交。"),
            Hearing.NotUsed => json
                ? Problems.Conflict($"Nominations closed before the slate could be used{Now(answer)}. Nothing was kept.", "token")
                : Pages.Message(StatusCodes.Status410Gone, "Nominations are closed", "提名已截止",
                    $"Nominations for “{title}” closed before your {what} arrived{Now(answer)}, so it was not used. Nothing was changed.",
                    $"您的{whatZh}送达前，“{titleZh}”的提名已截止，因此未被采用。未作任何更改。"),
            _ => json
                ? Results.Json(new { workshopId = link.Workshop.Id, ministry = slate.Ministry, declined = slate.Declined, nominees = slate.Nominees.Count, outcome = "checking" },
                    Json.Options, statusCode: StatusCodes.Status202Accepted)
                : Pages.Message(StatusCodes.Status202Accepted, "We are checking your list", "我们正在核对您的名单",
                    $"Your {what} for “{title}” reached us, but the workflow has not confirmed it yet. Open this link again in a few minutes: the form shows the list that is kept.",
                    $"您为“{titleZh}”提交的{whatZh}已送达，但流程尚未确认。请过几分钟再次打开此链接：表格中显示的即为已采用的名单。"),
        };
    }

    private static string Now(WorkflowAnswer answer) => answer.Stage is { } stage ? $" (the workshop is now at {stage})" : string.Empty;
}
