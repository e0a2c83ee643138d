using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Approvals.Notifications;

/// <summary>Builds the MIME message of a rendered mail: text and HTML as alternatives, a calendar request beside them
/// (how calendar clients expect an invitation) and the same calendar as an <c>.ics</c> attachment. Encoded 7-bit so
/// it passes any relay unchanged.</summary>
public static class MailMessages
{
    public static MimeMessage Create(RenderedMail mail, MailboxAddress from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(from);
        var n = mail.Notification;
        var message = new MimeMessage { Subject = mail.Subject, Date = date, MessageId = MessageId(n.Id, from) };
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName ?? string.Empty, mail.To));
        // One thread per workshop in clients that thread by references.
        message.References.Add($"workshop.{Atom(n.WorkshopId)}@{Domain(from)}");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Approvals-Notification", n.Id);
        message.Headers.Add("X-Approvals-Workshop", n.WorkshopId);
        message.Headers.Add("X-Approvals-Kind", n.Kind.ToString());

        var alternative = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = mail.Text },
            new TextPart(TextFormat.Html) { Text = mail.Html },
        };
        var attachments = new List<MimeEntity>();
        foreach (var a in mail.Attachments)
        {
            if (a.Method is { } method)
            {
                var calendar = new TextPart("calendar") { Text = Encoding.UTF8.GetString(a.Content) };
                calendar.ContentType.Parameters.Add("method", method);
                calendar.ContentType.Charset = "utf-8";
                alternative.Add(calendar);
            }

            var (type, subtype) = a.Method is null ? Split(a.MediaType) : ("application", "ics");
            attachments.Add(new MimePart(type, subtype)
            {
                Content = new MimeContent(new MemoryStream(a.Content)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = a.FileName,
            });
        }

        if (attachments.Count == 0)
        {
            message.Body = alternative;
        }
        else
        {
            var mixed = new Multipart("mixed") { alternative };
            foreach (var part in attachments) mixed.Add(part);
            message.Body = mixed;
        }

        message.Prepare(EncodingConstraint.SevenBit);
        return message;
    }

    /// <summary>The Message-Id of a notification's mail: the notification id at the sender's domain, so every copy of
    /// one notification carries the same id and receiving systems can spot a duplicate.</summary>
    public static string MessageId(string notificationId, MailboxAddress from) => $"{Atom(notificationId)}@{Domain(from)}";

    public static byte[] ToBytes(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private static string Domain(MailboxAddress from)
    {
        ArgumentNullException.ThrowIfNull(from);
        return string.IsNullOrWhiteSpace(from.Domain) ? "approvals.local" : Atom(from.Domain);
    }

    /// <summary>Keeps only characters that are safe in a message-id without quoting.</summary>
    private static string Atom(string text)
    {
        var safe = string.Concat(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'));
        return safe.Length == 0 ? "x" : safe;
    }

    private static (string Type, string Subtype) Split(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? (mediaType[..slash], mediaType[(slash + 1)..]) : ("application", "octet-stream");
    }
}
