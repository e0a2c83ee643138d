using System.Security.Cryptography;
using System.Text;
using Approvals.Nominations;
using Approvals.Proposals;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>The <c>.ics</c> invitation a confirmed participant gets (RFC 5545/5546, METHOD:REQUEST): one all-day
/// event over the workshop's dates, organised by the mail sender, with the nominee as the only attendee. A later
/// change is the same event (same UID) with a higher SEQUENCE: a REQUEST moves it, a CANCEL removes it.</summary>
public static class CalendarInvitation
{
    public const string FileName = "invite.ics";
    public const string Method = "REQUEST";
    public const string CancelMethod = "CANCEL";

    public static byte[] Create(
        string workshopId, Proposal proposal, Nominee nominee, MailboxAddress organizer, DateTimeOffset stamp, Uri? eventUrl, int sequence = 0, bool cancelled = false)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(nominee);
        ArgumentNullException.ThrowIfNull(organizer);
        var calendar = new Calendar { Method = cancelled ? CancelMethod : Method, ProductId = "-//Approvals//Workshop invitation//EN" };
        var titleZh = MailWording.TitleZh(proposal);
        var e = new CalendarEvent
        {
            Uid = Uid(workshopId, nominee.Email),
            Sequence = sequence,
            DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId, hasTime: true),
            // All-day: DTEND is exclusive, so the day after the last day.
            DtStart = new CalDateTime(proposal.StartDate),
            DtEnd = new CalDateTime(proposal.EndDate.AddDays(1)),
            Summary = titleZh == proposal.Title ? proposal.Title : $"{proposal.Title} / {titleZh}",
            Location = proposal.Venue,
            Description = Description(proposal, eventUrl),
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Transparency = "OPAQUE",
            Organizer = new Organizer($"mailto:{organizer.Address}") { CommonName = string.IsNullOrWhiteSpace(organizer.Name) ? null : organizer.Name },
        };
        if (eventUrl is not null) e.Url = eventUrl;
        e.Attendees.Add(new Attendee($"mailto:{nominee.Email}")
        {
            CommonName = nominee.Name,
            Role = "REQ-PARTICIPANT",
            ParticipationStatus = "ACCEPTED",
            Rsvp = false,
        });
        calendar.Events.Add(e);
        var text = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("The calendar did not serialize.");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Stable per workshop and nominee, so a calendar updates the same event if the invitation comes again.</summary>
    public static string Uid(string workshopId, string email) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{workshopId}/{email.Trim().ToUpperInvariant()}")))[..32] + "@approvals";

    private static string Description(Proposal p, Uri? eventUrl)
    {
        var sb = new StringBuilder();
        sb.Append(p.Title).Append('\n');
        if (!string.IsNullOrWhiteSpace(p.TitleZh)) sb.Append(p.TitleZh).Append('\n');
        sb.Append(ChinaTime.RangeEn(p.StartDate, p.EndDate)).Append(", ").Append(p.Venue).Append('\n');
        if (!string.IsNullOrWhiteSpace(p.Organizer)) sb.Append(p.Organizer).Append('\n');
        if (eventUrl is not null) sb.Append(eventUrl.AbsoluteUri).Append('\n');
        return sb.ToString().TrimEnd();
    }
}
