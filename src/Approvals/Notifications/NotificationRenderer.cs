namespace Approvals.Notifications;

/// <summary>Renders a notification with its <see cref="MailFacts"/> into a bilingual mail. Pure: no I/O.</summary>
public sealed class NotificationRenderer(TimeProvider time)
{
    public RenderedMail Render(MailFacts facts)
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

        return new RenderedMail(n, n.To, n.Nominee?.Name, subject, MailLayout.Text(body), MailLayout.Html(subject, body), facts.Link, attachments);
    }
}
