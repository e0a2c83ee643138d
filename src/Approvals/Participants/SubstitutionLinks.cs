using Approvals.Events;
using Approvals.Http;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Approvals.Participants;

/// <summary><c>GET|HEAD /api/substitutions/{token}</c>: a focal point's page with their ministry's participants;
/// <c>POST</c>: withdraw, replace or add one, as a form, until the cutoff. The workshop's run applies it.</summary>
public sealed class SubstitutionLinks(LinkGate gate, ParticipantStore roster, DirectoryStore directory, IOptions<ApprovalsOptions> options, TimeProvider time)
{
    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Substitution);
        if (link is null) return refusal!;
        if (RosterLinks.NotPublished(link) is { } closed) return closed;
        return await PageAsync(link, await roster.ListAsync(link.Workshop.Id), new Dictionary<string, string[]>(), StatusCodes.Status200OK);
    }

    public async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Substitution);
        if (link is null) return refusal!;
        if (RosterLinks.NotPublished(link) is { } closed) return closed;
        if (RosterLinks.NotAForm(http.Request) is { } notAForm) return notAForm;
        var list = await roster.ListAsync(link.Workshop.Id);
        if (time.GetUtcNow() >= Cutoff(link)) return await PageAsync(link, list, new Dictionary<string, string[]>(), StatusCodes.Status409Conflict);

        var form = await FormBody.TryReadAsync(http.Request) ?? FormCollection.Empty;
        var action = form["action"].ToString();
        var participant = form["participant"].ToString();
        var (withdraw, substitute, errors) = action switch
        {
            "withdraw" => (participant, (Nominee?)null, new Dictionary<string, string[]>()),
            "replace" => (participant, Person(form), new Dictionary<string, string[]>()),
            "add" => (null, Person(form), new Dictionary<string, string[]>()),
            _ => (null, null, new Dictionary<string, string[]> { ["action"] = ["Choose what to change: withdraw, replace or add. Nothing was changed. / 请选择更改方式：撤回、替换或增加。未作任何更改。"] }),
        };
        if (errors.Count == 0)
        {
            if (action != "withdraw" && Sex(form) is null) errors["sex"] = ["Choose female, male or undisclosed. / 请选择性别。"];
            foreach (var (field, messages) in RosterRules.CheckSubstitution(link.Workshop.Proposal, list, link.Claims.Party, string.IsNullOrEmpty(withdraw) ? null : withdraw, substitute))
            {
                errors.TryAdd(field, messages);
            }
        }

        if (errors.Count > 0) return await PageAsync(link, list, errors, StatusCodes.Status400BadRequest);

        var receipt = Guid.NewGuid().ToString("N");
        var request = new SubstitutionRequested(link.Claims.Party, string.IsNullOrEmpty(withdraw) ? null : withdraw, substitute, time.GetUtcNow(), receipt,
            LinkReceipts.Visit(http, link.Claims.Recipient));
        var heard = await RosterLinks.RaiseAsync(client, link, options.Value, WorkflowEvents.SubstitutionRequested, request, receipt, http.RequestAborted);
        var titleZh = link.Workshop.Proposal.TitleZh ?? link.Workshop.Title;
        return RosterLinks.Heard(heard, () => Pages.Message(StatusCodes.Status200OK, "The list is changed", "名单已更改",
            substitute is null
                ? $"The participant is withdrawn from “{link.Workshop.Title}” and sent a cancellation of their calendar invitation."
                : $"{substitute.Name} is on the list of “{link.Workshop.Title}” and sent the invitation{(withdraw is null ? string.Empty : "; the person replaced is sent a cancellation")}.",
            substitute is null
                ? $"该学员已从“{titleZh}”名单中撤回，并已收到日历邀请的取消通知。"
                : $"{substitute.Name} 已列入“{titleZh}”名单并已收到邀请{(withdraw is null ? string.Empty : "；被替换人员已收到取消通知")}。", ok: true));
    }

    private DateTimeOffset Cutoff(OpenedLink link) => RosterRules.ChangeCutoff(Schedule.Of(link.Workshop.Proposal), options.Value.Timing.ChangeCutoff);

    private static Sex? Sex(IFormCollection form) => form["sex"].ToString() switch
    {
        "female" => Nominations.Sex.Female,
        "male" => Nominations.Sex.Male,
        "undisclosed" => Nominations.Sex.Undisclosed,
        _ => null,
    };

    private static Nominee Person(IFormCollection form)
    {
        static string? Text(IFormCollection f, string key) => f[key].ToString().Trim() is { Length: > 0 } t ? t : null;
        return new Nominee(Text(form, "name") ?? string.Empty, Text(form, "nameZh"), Text(form, "position") ?? string.Empty,
            Sex(form) ?? Nominations.Sex.Undisclosed, Text(form, "email") ?? string.Empty);
    }

    private async Task<IResult> PageAsync(OpenedLink link, IReadOnlyList<Participant> roster, IReadOnlyDictionary<string, string[]> errors, int status)
    {
        var cutoff = Cutoff(link);
        return Pages.Render<SubstitutionPage>(new()
        {
            [nameof(SubstitutionPage.Link)] = link,
            [nameof(SubstitutionPage.Directory)] = await directory.LoadAsync(),
            [nameof(SubstitutionPage.List)] = roster.Where(p => p.IsInvited && string.Equals(p.Ministry, link.Claims.Party, StringComparison.OrdinalIgnoreCase)).ToList(),
            [nameof(SubstitutionPage.Cutoff)] = cutoff,
            [nameof(SubstitutionPage.Closed)] = time.GetUtcNow() >= cutoff,
            [nameof(SubstitutionPage.Errors)] = errors,
        }, status);
    }
}
