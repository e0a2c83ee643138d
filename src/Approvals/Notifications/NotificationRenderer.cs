using Approvals.Http;

namespace Approvals.Notifications;

/// <summary>Renders a notification with its <see cref="MailFacts"/> into a bilingual mail. Pure: no I/O. The HTML part
/// goes through the pages' <see cref="PageRenderer"/>, so a mail encodes what it shows the way a page does.</summary>
public sealed class NotificationRenderer(TimeProvider time, PageRenderer pages)
{
    public async Task<RenderedMail> RenderAsync(MailFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var n = facts.Notification;

        // A mail about a change shows the dates of that change, even if a later one is already stored.
        if (n.Calendar is { } change) facts = facts with { Proposal = change.Now.ApplyTo(facts.Proposal) };
        var (subject, body) = MailTemplates.Build(facts);
        var attachments = new List<MailAttachment>();
        if (n.Kind is NotificationKind.ParticipantConfirmation or NotificationKind.ParticipantUpdate or NotificationKind.ParticipantCancellation
                or NotificationKind.ParticipantWithdrawn
            && n.Nominee is { } nominee)
        {
            var cancelled = n.Kind is NotificationKind.ParticipantCancellation or NotificationKind.ParticipantWithdrawn;
            var ics = CalendarInvitation.Create(n.WorkshopId, facts.Proposal, nominee, facts.From, time.GetUtcNow(), facts.EventUrl, n.Calendar?.Sequence ?? 0, cancelled);
            attachments.Add(new MailAttachment(CalendarInvitation.FileName, "text/calendar", ics, cancelled ? CalendarInvitation.CancelMethod : CalendarInvitation.Method));
        }

        var html = await pages.RenderAsync<MailHtml>(new Dictionary<string, object?>
        {
            [nameof(MailHtml.Subject)] = subject,
            [nameof(MailHtml.Mail)] = body,
        });
        return new RenderedMail(n, n.To, n.Nominee?.Name, subject, MailText.Render(body), html, facts.Link, attachments);
    }
}
