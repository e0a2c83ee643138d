using Approvals.Handovers;
using Approvals.Events;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Workflow;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Approvals.Tests.Notifications;

/// <summary>Test data for mails: one realistic notification of each kind for the reference workshop.</summary>
public static class MailSamples
{
    public const string WorkshopId = "ws-20261129-test";
    public static readonly DateTimeOffset Now = new(2027, 1, 10, 1, 30, 0, TimeSpan.Zero);
    /// <summary>17:00 in Beijing.</summary>
    public static readonly DateTimeOffset Due = new(2027, 1, 15, 9, 0, 0, TimeSpan.Zero);
    public static readonly Nominee Nominee = new("Li Wei", "李伟", "Division Director", Sex.Female, "li.wei@mfa.example.cn");
    public static readonly Handover PassedOn = new(Stage.Nominations, 0, "MOFCOM", "focal.mofcom@gov.example.cn", "li.na@mofcom.example.cn",
        "focal.mofcom@gov.example.cn", "I am travelling; Li Na nominates for us.", Now, HandoverVia.PassedOn);
    public static readonly MailboxAddress From = MailboxAddress.Parse("Approvals <approvals@iom.example.org>");

    public static LinkIssuer Links() => new(
        new LinkTokens(Convert.FromBase64String(SigningKey.Development), new FakeTimeProvider(Now)),
        Options.Create(new ApprovalsOptions { PublicBaseUrl = new Uri("https://approvals.example.org/") }));

    /// <summary>The announcement could not be written: its table was deleted.</summary>
    public static readonly StuckStep Stuck = new("0123456789abcdef0123456789abcdef", "PublishAnnouncement", "The table specified does not exist. (TableNotFound)", Now.AddMinutes(-3));

    /// <summary>The first postponement of the reference workshop: from Beijing in March to Shanghai in April.</summary>
    public static readonly CalendarChange Postponed = new(1,
        new Schedule(new DateOnly(2027, 4, 6), new DateOnly(2027, 4, 7), "Shanghai"), new Schedule(new DateOnly(2027, 3, 2), new DateOnly(2027, 3, 3), "Beijing"));

    public static IEnumerable<NotificationKind> Kinds => Enum.GetValues<NotificationKind>();

    public static Notification Of(NotificationKind kind) => kind switch
    {
        NotificationKind.ReviewRequest => Make(kind, "project.manager@iom.example.org", Role.ProjectManager, Stage.InternalReview, Due),
        NotificationKind.ChangesRequested => Make(kind, "project.officer@iom.example.org", Role.Proposer, Stage.ChangesRequested, Due)
            with { Comment = "Please add a session on labour migration.", Outcome = Stage.InternalReview },
        NotificationKind.NominationRequest => Make(kind, "focal.mfa@gov.example.cn", Role.FocalPoint, Stage.Nominations, Due) with { Ministry = "MFA" },
        NotificationKind.DonorRequest => Make(kind, "programme.manager@eeas.example.eu", Role.Donor, Stage.DonorSignOff, Due),
        NotificationKind.Reminder => Make(kind, "project.manager@iom.example.org", Role.ProjectManager, Stage.InternalReview, Due),
        NotificationKind.Escalation => Make(kind, "liaison.office@iom.example.org", Role.Manager, Stage.InternalReview, Due),
        NotificationKind.DecisionOutcome => Make(kind, "project.officer@iom.example.org", Role.Proposer, Stage.Published, null) with { Outcome = Stage.Published },
        NotificationKind.CancellationNotice => Make(kind, "project.officer@iom.example.org", Role.Proposer, Stage.Cancelled, null)
            with { Comment = "The venue is no longer available.", Outcome = Stage.Cancelled },
        NotificationKind.ParticipantConfirmation => Make(kind, Nominee.Email, Role.Participant, Stage.Published, null) with { Ministry = "MFA", Nominee = Nominee },
        NotificationKind.SlateRefused => Make(kind, "focal.moe@gov.example.cn", Role.FocalPoint, Stage.Nominations, Due)
            with { Ministry = "MOE", Comment = "nominees[0].email: tian.lin@mfa.example.cn is already nominated for this workshop." },
        NotificationKind.Receipt => Make(kind, "project.manager@iom.example.org", Role.ProjectManager, Stage.InternalReview, null)
            with { Comment = "Please check the budget.", Receipt = new LinkReceipt(ReceiptAction.ChangesRequested, Now, "203.0.113.7", "Mozilla/5.0 (Windows NT 10.0) Edge/131") },
        NotificationKind.StepStuck => Make(kind, "liaison.office@iom.example.org", Role.Manager, Stage.DonorSignOff, null)
            with { Comment = Stuck.Reason, Stuck = Stuck },
        NotificationKind.RequestPassedOn => Make(kind, "project.officer@iom.example.org", Role.Proposer, Stage.Nominations, Due)
            with { Ministry = "MOFCOM", Comment = PassedOn.Note, Handover = PassedOn },
        NotificationKind.ParticipantUpdate => Make(kind, Nominee.Email, Role.Participant, Stage.Published, null)
            with { Ministry = "MFA", Nominee = Nominee, Comment = "The trainer is ill.", Calendar = Postponed },
        NotificationKind.ParticipantCancellation => Make(kind, Nominee.Email, Role.Participant, Stage.Cancelled, null)
            with { Ministry = "MFA", Nominee = Nominee, Comment = "The venue is no longer available.", Outcome = Stage.Cancelled, Calendar = new CalendarChange(2, Postponed.Now, Postponed.Now) },
        NotificationKind.ParticipantsListed => Make(kind, "focal.mfa@gov.example.cn", Role.FocalPoint, Stage.Published, Due) with { Ministry = "MFA" },
        NotificationKind.ParticipantDeclined => Make(kind, "focal.mfa@gov.example.cn", Role.FocalPoint, Stage.Published, Due)
            with { Ministry = "MFA", Nominee = Nominee, Comment = "Called to a ministerial meeting" },
        NotificationKind.ParticipantWithdrawn => Make(kind, Nominee.Email, Role.Participant, Stage.Published, null)
            with { Ministry = "MFA", Nominee = Nominee, Calendar = new CalendarChange(1, Schedule.Of(Builders.Proposal()), Schedule.Of(Builders.Proposal())) },
        NotificationKind.PostponementNotice => Make(kind, "focal.mfa@gov.example.cn", Role.FocalPoint, Stage.Published, null)
            with { Ministry = "MFA", Comment = "The trainer is ill.", Calendar = Postponed },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static Notification Make(NotificationKind kind, string to, Role role, Stage stage, DateTimeOffset? due) =>
        new($"{kind}-{Guid.NewGuid():N}"[..32], kind, WorkshopId, to, role, stage, 0, Now, due);

    public static MailFacts Facts(Notification n, Proposal? proposal = null, IReadOnlyList<Slate>? slates = null)
    {
        var links = Links();
        var pending = n.DueAt is { } due ? new[] { new PendingRequest(Role.ProjectManager, "project.manager@iom.example.org", due) } : [];
        return new MailFacts(n, proposal ?? Builders.Proposal(), pending, Builders.Directory(), slates ?? [], links.LinkFor(n),
            links.Build($"api/workshops/{n.WorkshopId}/proposal"), links.Build($"api/workshops/{n.WorkshopId}"), links.Build($"api/events/{n.WorkshopId}"), From);
    }

    public static Task<RenderedMail> RenderAsync(Notification n, Proposal? proposal = null, IReadOnlyList<Slate>? slates = null, DateTimeOffset? at = null) =>
        new NotificationRenderer(new FakeTimeProvider(at ?? Now), Builders.Pages()).RenderAsync(Facts(n, proposal, slates));

    public static IReadOnlyList<Slate> Slates() =>
    [
        new("MFA", [
            Nominee,
            new Nominee("Wang Fang", null, "Deputy Director", Sex.Female, "wang.fang@mfa.example.cn"),
            new Nominee("Zhang Wei", "张伟", "Programme Officer", Sex.Male, "zhang.wei@mfa.example.cn"),
        ], false, "focal.mfa@gov.example.cn", Now),
        new("MOHRSS", [new Nominee("Chen Jing", null, "Section Chief", Sex.Undisclosed, "chen.jing@mohrss.example.cn")], false, "focal.mohrss@gov.example.cn", Now),
        Builders.Decline("MOE"),
    ];
}
