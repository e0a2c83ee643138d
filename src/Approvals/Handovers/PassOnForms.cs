using Approvals.Http;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using static Approvals.Handovers.Handovers;

namespace Approvals.Handovers;

/// <summary>The "pass it on" form of the decision and nomination pages: posted to the link itself with
/// <see cref="IntentField"/> set, it asks the workflow to move the request to the typed address and says what became of it.</summary>
public sealed class PassOnForms(DirectoryStore directory, WorkshopStore workshops, AuditLog audit, TimeProvider time, ILogger<PassOnForms> logger)
{
    public const string IntentField = "intent";
    public const string PassOnIntent = "passOn";
    public const string ToField = "passTo";
    public const string NoteField = "passNote";
    public const int MaxNoteLength = 2000;

    public static bool IsPassOn(IFormCollection? form) => form is not null && form[IntentField] == PassOnIntent;

    /// <summary>The addresses that may hold a request of <paramref name="stage"/>; empty when anyone may.</summary>
    public static IReadOnlyList<string> Allowed(Stage stage, Contacts.ProjectDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return stage == Stage.DonorSignOff ? directory.DonorApprovers : [];
    }

    public async Task<IResult> PassOnAsync(HttpContext http, DurableTaskClient client, OpenedLink link, IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(form);
        var (claims, workshop) = (link.Claims, link.Workshop);
        var to = form[ToField].ToString().Trim();
        var note = form[NoteField].ToString().Trim();
        var (ministry, from) = claims.Purpose == LinkPurpose.Nomination ? (claims.Party, claims.Recipient) : ((string?)null, claims.Party);
        if (to.Length == 0)
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "Nothing was passed on", "未作转交",
                "To hand this request to a colleague, type their email address in the form and press “Pass it on”. Nothing was changed; your link still works.",
                "如需将此请求转交给同事，请在表单中填写其电子邮件地址，然后按“转交”。未作任何更改，您的链接仍然有效。");
        }

        if (!SlateRules.IsEmail(to))
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "That is not an email address", "这不是有效的电子邮件地址",
                $"“{to}” is not an email address. Go back and type your colleague's address. Nothing was passed on.",
                $"“{to}”不是有效的电子邮件地址。请返回并填写同事的地址。未作转交。");
        }

        if (SameAddress(to, from))
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "This request is already yours", "此请求已由您处理",
                "You typed your own address. Type a colleague's address to pass the request on. Nothing was changed.",
                "您填写的是自己的地址。请填写同事的地址以转交此请求。未作任何更改。");
        }

        if (note.Length > MaxNoteLength || Json.StoredLength(note) > 2 * MaxNoteLength)
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "The note is too long", "附言过长",
                $"The note is longer than {MaxNoteLength} characters. Shorten it and send again. Nothing was passed on.",
                $"附言超过 {MaxNoteLength} 字。请缩短后重新提交。未作转交。");
        }

        var allowed = Allowed(claims.Stage, await directory.LoadAsync());
        if (allowed.Count > 0 && !allowed.Any(a => SameAddress(a, to)))
        {
            return Pages.Message(StatusCodes.Status403Forbidden, "This address cannot take the request", "该地址不能接手此请求",
                $"Only the EU donor's programme managers listed in the directory can sign off: {string.Join(", ", allowed)}. {to} is not one of them. Nothing was passed on; ask the project team to add them to the directory first.",
                $"只有名录中列出的欧盟捐助方项目经理可以审批：{string.Join("、", allowed)}。{to} 不在其中。未作转交；请先请项目团队将其加入名录。");
        }

        var at = time.GetUtcNow();
        await audit.AppendAsync(workshop.Id, new AuditEntry(Guid.NewGuid().ToString("N"), at, claims.Stage, AuditActions.PassOnViaLink, claims.Recipient,
            $"{ministry ?? claims.Stage.ToString()}: {from} → {to}{(note.Length > 0 ? $" — {note}" : string.Empty)}", link.TokenId, "link",
            LinkGate.ClientIp(http), http.Request.Headers.UserAgent.ToString(), ClientAddress.ForwardedFor(http)));
        var asked = new HandoverRequested(claims.Stage, claims.Round, ministry, from, to, note.Length == 0 ? null : note, claims.Recipient,
            HandoverVia.PassedOn, at, Guid.NewGuid().ToString("N"));
        var answer = await client.AskAsync(workshop.Id, asked, workshops, http.RequestAborted);
        logger.LogInformation("Workshop {WorkshopId}: {From} asked to pass {Stage} on to {To}: {Hearing}", workshop.Id, from, claims.Stage, to, answer.Hearing);
        return answer.Hearing switch
        {
            Hearing.Used => Pages.Message(StatusCodes.Status200OK, $"Passed on to {to}", $"已转交给 {to}",
                $"{to} has been sent this request by mail, with a link of their own. Your link no longer works. The project team has been told.",
                $"已通过邮件将此请求及专属链接发送给 {to}。您的链接已失效。已通知项目团队。", ok: true),
            Hearing.Unconfirmed => Pages.Message(StatusCodes.Status202Accepted, "We are checking your request", "我们正在核对您的请求",
                $"Your request to pass this on to {to} reached us, but the workflow has not confirmed it yet. Open your link again in a few minutes to see who holds it.",
                $"您将此请求转交给 {to} 的申请已送达，但流程尚未确认。请几分钟后再次打开链接查看当前处理人。"),
            _ => Pages.Message(StatusCodes.Status409Conflict, "Not passed on", "未能转交",
                $"The request could not be passed on to {to}: {answer.Why ?? $"the workshop had moved on{(answer.Stage is { } stage ? $" to {stage}" : string.Empty)}."} Nothing was changed.",
                $"未能将此请求转交给 {to}（{(answer.Why is null ? "研讨会已进入下一阶段" : "原因见英文说明")}）。未作任何更改。"),
        };
    }
}
