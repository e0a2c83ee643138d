using Approvals.Http;
using Approvals.Workflow;

namespace Approvals;

/// <summary>Settings under <c>Approvals:</c>; the README's configuration table lists each with its default.</summary>
public sealed class ApprovalsOptions
{
    public const string Section = "Approvals";

    /// <summary>Keys accepted as <c>x-functions-key</c> header or <c>code</c> query by the server.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Base64, at least 32 bytes: signs the links in mails.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Where links in mails point (the server's or the Function app's address).</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    public Timing Timing { get; set; } = new();

    public int MaxRevisionRounds { get; set; } = 3;

    public MailOptions Mail { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public RateLimitSettings RateLimits { get; set; } = new();

    /// <summary>How long a finished workshop's Durable history is kept; our own tables keep the workshop for good.</summary>
    public TimeSpan PurgeAfter { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the server purges (the Functions app runs its timer hourly).</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Settings under <c>Approvals:Mail:</c>; no SMTP host means the local mailbox.</summary>
public sealed class MailOptions
{
    public string From { get; set; } = "Approvals <approvals@localhost>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Deliveries of one queue message before it counts as failed for good and moves to
    /// <c>notifications-poison</c>: host.json's <c>maxDequeueCount</c>, which the server's worker follows too.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>While the relay is down, a mail whose tries are spent waits this long as a fresh message, then gets a
    /// new round of tries; it never goes to the poison queue for an outage.</summary>
    public TimeSpan RelayRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How many mails of one batch are handed to the relay at the same time, each stream over its own connection.</summary>
    public int SendConcurrency { get; set; } = 4;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    /// <summary>Nullable so an empty setting binds as unset (25) instead of failing.</summary>
    public int? Port { get; set; } = 25;
    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>Nullable so an empty setting binds as unset (no TLS).</summary>
    public bool? UseTls { get; set; }

    /// <summary>Lets a user name and password cross a plain connection (a relay on a trusted network); off by default.</summary>
    public bool? AllowCredentialsWithoutTls { get; set; }
}
