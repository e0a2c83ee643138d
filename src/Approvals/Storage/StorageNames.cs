namespace Approvals.Storage;

/// <summary>Names of the app's own tables, queues and containers (Durable Task keeps its own task hub).</summary>
public static class StorageNames
{
    public const string Workshops = "Workshops";
    public const string WorkshopIndex = "WorkshopIndex";
    public const string Nominations = "Nominations";
    public const string Decisions = "Decisions";
    public const string Audit = "Audit";

    /// <summary>The same audit lines keyed by UTC day, so an export across workshops reads only the days it covers.</summary>
    public const string AuditByDay = "AuditByDay";
    public const string Directory = "Directory";
    public const string Idempotency = "Idempotency";
    public const string Announcements = "Announcements";
    public const string SentMail = "SentMail";

    /// <summary>Published workshops' rosters: who is invited, what they answered, who attended.</summary>
    public const string Participants = "Participants";

    public const string NotificationsQueue = "notifications";
    public const string NotificationsPoisonQueue = "notifications-poison";

    public const string MailboxContainer = "mailbox";

    public static readonly string[] AllTables = [Workshops, WorkshopIndex, Nominations, Decisions, Audit, AuditByDay, Directory, Idempotency, Announcements, SentMail, Participants];
}
