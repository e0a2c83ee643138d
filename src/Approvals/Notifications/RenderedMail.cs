namespace Approvals.Notifications;

/// <summary>A notification rendered for one recipient: subject, plain text and HTML (both languages), the action link
/// it carries and any attachments.</summary>
public sealed record RenderedMail(
    Notification Notification,
    string To,
    string? ToName,
    string Subject,
    string Text,
    string Html,
    Uri? Link,
    IReadOnlyList<MailAttachment> Attachments);

/// <summary>An attached file. <see cref="Method"/> is the iTIP method of a calendar (REQUEST), else null.</summary>
public sealed record MailAttachment(string FileName, string MediaType, byte[] Content, string? Method = null);
