using Approvals.Http;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;

namespace Approvals.Links;

/// <summary>A link that passed the gate: its claims, the token id and the workshop it is for.</summary>
public sealed record OpenedLink(LinkClaims Claims, string TokenId, WorkshopRecord Workshop);

/// <summary>The checks every link goes through before anything is shown or changed; a refusal is a bilingual page.</summary>
public sealed class LinkGate(LinkTokens tokens, WorkshopStore workshops)
{
    public async Task<(OpenedLink? Link, IResult? Refusal)> OpenAsync(string token, LinkPurpose purpose)
    {
        var (claims, problem) = tokens.Read(token);
        if (problem is TokenProblem.Malformed or TokenProblem.Tampered || claims is null || claims.Purpose != purpose)
        {
            return (null, Pages.Message(StatusCodes.Status400BadRequest, "This link is not valid", "此链接无效",
                "The link may have been cut or changed when it was copied. Open it again from the original email.",
                "链接可能在复制时被截断或更改。请从原始电子邮件中再次打开。"));
        }

        if (problem == TokenProblem.Expired)
        {
            return (null, Pages.Message(StatusCodes.Status410Gone, "This link has expired", "此链接已过期",
                $"It was valid until {claims.ExpiresAt:yyyy-MM-dd HH:mm} UTC. Ask the project team for a new one; nothing was changed.",
                $"有效期至 {claims.ExpiresAt:yyyy-MM-dd HH:mm} UTC。请向项目团队索取新链接；未作任何更改。"));
        }

        var workshop = await workshops.GetAsync(claims.WorkshopId);
        if (workshop is null)
        {
            return (null, Pages.Message(StatusCodes.Status404NotFound, "Workshop not found", "未找到该研讨会",
                "The workshop this link refers to does not exist.", "此链接所指的研讨会不存在。"));
        }

        return (new OpenedLink(claims, LinkTokens.IdOf(token), workshop), null);
    }

    /// <summary>Refuses a link whose workshop has moved on: cancelled, a newer round, or another stage.</summary>
    public static IResult? StillOpen(OpenedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var (claims, workshop) = (link.Claims, link.Workshop);
        if (workshop.Stage == Stage.Cancelled)
        {
            return Pages.Message(StatusCodes.Status410Gone, "This workshop was cancelled", "此研讨会已取消",
                $"“{workshop.Title}” was cancelled, so there is nothing left to decide. Nothing was changed.",
                $"“{workshop.Proposal.TitleZh ?? workshop.Title}”已取消，无需再作决定。未作任何更改。");
        }

        if (claims.Round < workshop.Round)
        {
            return Pages.Message(StatusCodes.Status410Gone, "A newer version exists", "已有更新版本",
                "The proposal was revised after this email was sent. Please use the link in the most recent email. Nothing was changed.",
                "此邮件发出后提案已修改。请使用最新邮件中的链接。未作任何更改。");
        }

        if (claims.Stage != workshop.Stage)
        {
            return Pages.Message(StatusCodes.Status409Conflict, "This request is no longer open", "此请求已关闭",
                $"The workshop has moved on from {claims.Stage} and is now at {workshop.Stage}. Nothing was changed.",
                $"研讨会已从 {claims.Stage} 阶段进入 {workshop.Stage} 阶段。未作任何更改。");
        }

        return null;
    }

    /// <summary>Refuses a link whose request was passed on to someone else (reassigned by staff or passed on by its
    /// holder): the page says who holds it now, and the link decides nothing.</summary>
    public static IResult? StillHeld(OpenedLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var (claims, workshop) = (link.Claims, link.Workshop);
        var (ministry, address) = claims.Purpose == LinkPurpose.Nomination ? (claims.Party, claims.Recipient) : ((string?)null, claims.Party);
        if (Handovers.Handovers.PassedAway(workshop.Handovers, claims.Stage, claims.Round, ministry, address) is not { } passed) return null;
        var (away, holder) = passed;
        var (how, howZh) = away.Via switch
        {
            Handovers.HandoverVia.Reassigned => ($"reassigned by {away.Actor}", $"由 {away.Actor} 改派"),
            Handovers.HandoverVia.DirectoryChanged => ($"moved when {away.Actor} changed the project directory", $"因 {away.Actor} 更新项目通讯录而转移"),
            _ => ($"passed on by {away.Actor}", $"由 {away.Actor} 转交"),
        };
        return Pages.Message(StatusCodes.Status410Gone, $"This request was passed to {holder}", $"此请求已转交给 {holder}",
            $"On {away.At:yyyy-MM-dd HH:mm} UTC the request for “{workshop.Title}” held by {away.From} was {how}; {holder} holds it now. This link no longer decides or sends anything. Nothing was changed.",
            $"{away.At:yyyy-MM-dd HH:mm} UTC，原由 {away.From} 处理的“{workshop.Proposal.TitleZh ?? workshop.Title}”请求已{howZh}，现由 {holder} 处理。此链接已不能再作决定或提交。未作任何更改。");
    }

    /// <summary>The client address for the audit log: the connection's, never a header the client wrote.</summary>
    public static string? ClientIp(HttpContext http) => ClientAddress.Ip(http);
}
