using Approvals.Notifications;
using Approvals.Workflow;
using Microsoft.Extensions.Options;

namespace Approvals.Links;

/// <summary>Builds the absolute links mails carry, from <c>Approvals:PublicBaseUrl</c>.</summary>
public sealed class LinkIssuer(LinkTokens tokens, IOptions<ApprovalsOptions> options)
{
    /// <summary>Links after publication live as long as a workshop may be postponed; their pages say when they no longer
    /// change anything (cutoff, first day, cancellation).</summary>
    public static readonly TimeSpan AfterPublicationLifetime = TimeSpan.FromDays(730);

    /// <summary>The decision or nomination link a notification carries, or null when it asks for no action.</summary>
    public Uri? LinkFor(Notification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var purpose = (n.Kind, n.Role) switch
        {
            (NotificationKind.ReviewRequest or NotificationKind.DonorRequest, _) => LinkPurpose.Decision,
            (NotificationKind.Reminder or NotificationKind.Escalation, Role.ProjectManager or Role.Donor) => LinkPurpose.Decision,
            (NotificationKind.NominationRequest or NotificationKind.SlateRefused, _) => LinkPurpose.Nomination,
            (NotificationKind.Reminder, Role.FocalPoint) => LinkPurpose.Nomination,
            (NotificationKind.ParticipantConfirmation or NotificationKind.Reminder, Role.Participant) => LinkPurpose.Answer,
            (NotificationKind.ParticipantsListed or NotificationKind.ParticipantDeclined, Role.FocalPoint) => LinkPurpose.Substitution,
            _ => (LinkPurpose?)null,
        };
        if (purpose is not { } p) return null;
        var party = p switch
        {
            LinkPurpose.Nomination or LinkPurpose.Substitution => n.Ministry ?? n.To,
            LinkPurpose.Answer => Participants.Participant.IdOf(n.WorkshopId, n.To),
            _ => n.To,
        };
        var expires = n.CreatedAt + options.Value.Timing.LinkLifetime;
        if (n.DueAt is { } due && due + options.Value.Timing.EscalationGrace > expires) expires = due + options.Value.Timing.EscalationGrace;
        if (p is LinkPurpose.Answer or LinkPurpose.Substitution) expires = n.CreatedAt + AfterPublicationLifetime;
        var token = tokens.Issue(new LinkClaims(n.WorkshopId, p, n.Stage, n.Round, party, n.To, expires.ToUnixTimeSeconds()));
        return Build(p switch
        {
            LinkPurpose.Decision => $"api/decisions/{token}",
            LinkPurpose.Answer => $"api/answers/{token}",
            LinkPurpose.Substitution => $"api/substitutions/{token}",
            _ => $"api/nominations/{token}",
        });
    }

    /// <summary>An absolute URL under the public base (which may itself carry a path).</summary>
    public Uri Build(string relative)
    {
        var root = options.Value.PublicBaseUrl.ToString();
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), relative);
    }
}
