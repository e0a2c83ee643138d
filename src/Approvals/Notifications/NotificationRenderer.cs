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
        var (subject, body) = MailTemplates.Build(facts);
        var attachments = new List<MailAttachment>();
        if (n.Kind == NotificationKind.ParticipantConfirmation && n.Nominee is { } nominee)
        {
            var ics = CalendarInvitation.Create(n.WorkshopId, facts.Proposal, nominee, facts.From, time.GetUtcNow(), facts.EventUrl);
            attachments.Add(new MailAttachment(CalendarInvitation.FileName, "text/calendar", ics, CalendarInvitation.Method));
        }

        var html = await pages.RenderAsync<MailHtml>(new Dictionary<string, object?>
        {
            [nameof(MailHtml.Subject)] = subject,
            [nameof(MailHtml.Mail)] = body,
        });
        return new RenderedMail(n, n.To, n.Nominee?.Name, subject, MailText.Render(body), html, facts.Link, attachments);
    }
}
