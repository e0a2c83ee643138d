namespace Approvals.Server.Hosting;

/// <summary>Settings of the server's queue worker, under <c>Approvals:Mail:Worker</c>. The Functions host uses the
/// <c>queues</c> section of host.json instead; the number of deliveries is the library's
/// <see cref="MailOptions.MaxDeliveries"/>, which is host.json's <c>maxDequeueCount</c>.</summary>
internal sealed class NotificationWorkerOptions
{
    public const string Section = "Approvals:Mail:Worker";

    /// <summary>How long a received message stays hidden while it is handled.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Delay before the first retry; doubled for every further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Poll interval right after work was found; doubled while idle up to <see cref="IdlePollInterval"/>.</summary>
    public TimeSpan BusyPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 16;

    public int Concurrency { get; set; } = 4;
}
