using System.Diagnostics;
using Approvals.Storage;
using Approvals.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Approvals.Notifications;

/// <summary>Sends the mails of a <see cref="NotificationBatch"/>: claims them together, reads each workshop once, sends
/// over a few reused SMTP connections and records them sent together. Sending stays once per notification id.
/// <para>A batch gets one delivery. Whatever of it did not go out (a mail that failed, another delivery sending it,
/// the relay down) is put back as a message of its own, where <see cref="NotificationHandler"/>'s retries, outage
/// waiting and poison queue apply to it alone; the batch itself then ends normally, so one bad mail holds back and
/// poisons no other. A batch delivered again (its handler died or storage failed it) is split the same way, untried.</para></summary>
public sealed class NotificationBatchSender(
    MailFactsLoader facts,
    NotificationRenderer renderer,
    IMailTransport transport,
    SentMailStore sent,
    NotificationOutbox outbox,
    ApprovalsMetrics metrics,
    IOptions<ApprovalsOptions> options,
    TimeProvider time,
    ILogger<NotificationBatchSender> logger)
{
    /// <summary>How soon a mail put back after a failure is tried again on its own.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    /// <param name="snapshot">The workshop as the step that queued the batch stored it, when the message carries it:
    /// then no mail of the batch reads it.</param>
    public async Task<Delivered> HandleAsync(IReadOnlyList<Notification> notifications, MailSnapshot? snapshot, long dequeueCount, CancellationToken cancellationToken)
    {
        if (dequeueCount > 1)
        {
            await PutBackAsync(notifications.Select(n => (n, TimeSpan.Zero)), cancellationToken);
            logger.LogWarning("A batch of {Count} notifications for workshop {WorkshopId} came back (delivery {DequeueCount}); each waits as its own message",
                notifications.Count, notifications[0].WorkshopId, dequeueCount);
            return Delivered.Requeued;
        }

        var claims = await sent.ClaimManyAsync(notifications, NotificationHandler.SendLease);
        var putBack = new List<(Notification, TimeSpan)>();
        var toSend = new List<Outgoing>();
        var load = facts.ForBatch(snapshot);
        var from = MailSettings.From(options.Value.Mail);
        for (var i = 0; i < notifications.Count; i++)
        {
            var (n, claim) = (notifications[i], claims[i]);
            if (claim.State == SendClaimState.AlreadySent) continue;
            if (claim.State == SendClaimState.InProgress)
            {
                var now = time.GetUtcNow();
                putBack.Add((n, (claim.LeaseEndsAt ?? now + NotificationHandler.SendLease) - now + TimeSpan.FromSeconds(1)));
                continue;
            }

            var outgoing = new Outgoing(n, claim);
            toSend.Add(outgoing);
            try
            {
                var mail = await renderer.RenderAsync(await load(n));
                outgoing.Message = (mail, MailMessages.Create(mail, from, time.GetUtcNow()));
            }
            catch (Exception e)
            {
                outgoing.Error = e;
            }
        }

        await SendAllAsync(toSend, cancellationToken);

        var delivered = toSend.Where(o => o.Receipt is not null).ToList();
        var marked = await sent.MarkManySentAsync(delivered.Select(o => (o.Claim, o.Receipt!)).ToList());
        for (var i = 0; i < delivered.Count; i++)
        {
            var (n, claim) = (delivered[i].Notification, delivered[i].Claim);
            if (!marked[i])
            {
                logger.LogWarning("Notification {NotificationId} was claimed by another delivery while this one sent it; it may have gone out twice", n.Id);
            }

            logger.LogInformation("Sent {Kind} notification {NotificationId} for workshop {WorkshopId} to {To} (attempt {Attempt}, in a batch of {Count}): {Receipt}",
                n.Kind, n.Id, n.WorkshopId, n.To, claim.Attempt, notifications.Count, delivered[i].Receipt);
        }

        var unsent = toSend.Where(o => o.Receipt is null).ToList();
        if (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the batch comes back as a whole, and its unsent mails must not wait out their claims' lease.
            foreach (var o in unsent) await sent.ReleaseAsync(o.Claim, "Not sent: the host was stopping.");
            cancellationToken.ThrowIfCancellationRequested();
        }

        foreach (var failed in unsent)
        {
            var error = failed.Error ?? new OperationCanceledException("Not tried: the relay was unavailable for an earlier mail of the batch.");
            if (failed.Error is not null) metrics.MailFailed(failed.Notification.Kind, failed.Error);
            await sent.ReleaseAsync(failed.Claim, $"{error.GetType().Name}: {error.Message}");
            logger.LogWarning(failed.Error, "Notification {NotificationId} ({Kind}) did not go out with its batch; it is tried again on its own in {RetryDelay}",
                failed.Notification.Id, failed.Notification.Kind, RetryDelay);
            putBack.Add((failed.Notification, RetryDelay));
        }

        await PutBackAsync(putBack, cancellationToken);
        return putBack.Count == 0 ? Delivered.Sent : Delivered.Requeued;
    }

    /// <summary>Hands the rendered mails to the relay over a few sessions at once, each taking the next mail when its
    /// last is done; after a relay outage, or when stopping, no session starts another mail. Never throws: each mail
    /// ends with a receipt or an error, so what went out is recorded whatever happened to the rest.</summary>
    private async Task SendAllAsync(List<Outgoing> outgoing, CancellationToken cancellationToken)
    {
        var ready = outgoing.Where(o => o.Message is not null).ToList();
        var next = -1;
        var relayDown = 0;
        var lanes = Math.Clamp(options.Value.Mail.SendConcurrency, 1, Math.Max(1, ready.Count));
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async _ =>
        {
            await using var session = transport.OpenSession();
            int i;
            while (Volatile.Read(ref relayDown) == 0 && !cancellationToken.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < ready.Count)
            {
                var o = ready[i];
                using var span = ApprovalsTelemetry.Start(NotificationHandler.SpanName, o.Notification.TraceParent, o.Notification.WorkshopId, ActivityKind.Consumer);
                span?.SetTag("approvals.notification.kind", o.Notification.Kind.ToString());
                span?.SetTag("approvals.notification.id", o.Notification.Id);
                try
                {
                    o.Receipt = await session.SendAsync(o.Message!.Value.Mail, o.Message.Value.Mime, cancellationToken);
                    metrics.MailSent(o.Notification.Kind);
                }
                catch (Exception e)
                {
                    span.Fail(e);
                    o.Error = e;
                    if (e is MailRelayUnavailableException) Interlocked.Exchange(ref relayDown, 1);
                }
            }
        }));
    }

    private async Task PutBackAsync(IEnumerable<(Notification Notification, TimeSpan Delay)> notifications, CancellationToken cancellationToken)
    {
        foreach (var (n, delay) in notifications)
        {
            await outbox.RequeueAsync(Json.Store(n), delay, cancellationToken);
        }
    }

    /// <summary>One mail of the batch on its way: its claim, then its rendering, then its receipt or its error.</summary>
    private sealed class Outgoing(Notification notification, SendClaim claim)
    {
        public Notification Notification { get; } = notification;
        public SendClaim Claim { get; } = claim;
        public (RenderedMail Mail, MimeMessage Mime)? Message { get; set; }
        public string? Receipt { get; set; }
        public Exception? Error { get; set; }
    }
}
