using System.Diagnostics;
using System.Text.Json;
using Approvals.Storage;
using Approvals.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approvals.Notifications;

/// <summary>The mail sender behind the <c>notifications</c> queue, called by the Functions <c>[QueueTrigger]</c> and by
/// the server's <c>NotificationQueueWorker</c>: renders the notification and sends it once per notification id (a
/// message holding a <see cref="NotificationBatch"/> goes to <see cref="NotificationBatchSender"/>, which puts back
/// whatever of it did not go out as single messages, handled here).
/// <para>Exactly-once holds up to the SMTP boundary: the send is claimed in <c>SentMail</c> before and recorded after.
/// If the process dies between a successful hand-over and that record, the claim's lease expires and a redelivery sends
/// the mail again, with the same Message-Id (at-least-once there, and only there). A failure throws, so the message is
/// retried and, after the last try, lands in <c>notifications-poison</c> — except for what is no fault of the mail: a
/// relay that is down, or another delivery sending it right now. Then the mail waits as a fresh message and this
/// delivery ends normally, so neither host's retry count can poison it.</para></summary>
public sealed class NotificationHandler(
    NotificationBatchSender batches,
    MailFactsLoader facts,
    NotificationRenderer renderer,
    IMailTransport transport,
    SentMailStore sent,
    NotificationOutbox outbox,
    ApprovalsMetrics metrics,
    IOptions<ApprovalsOptions> options,
    TimeProvider time,
    ILogger<NotificationHandler> logger)
{
    /// <summary>The span of one delivery of a notification, in the trace of the step that queued it.</summary>
    public const string SpanName = "SendMail";

    /// <summary>How long a claimed send keeps a concurrent delivery off; longer than an SMTP hand-over can take.</summary>
    public static readonly TimeSpan SendLease = TimeSpan.FromMinutes(2);

    /// <param name="dequeueCount">This delivery's number (1 for the first).</param>
    public async Task<Delivered> HandleAsync(string messageText, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var message = NotificationBatch.Read(messageText, out var isBatch);
        return isBatch
            ? await batches.HandleAsync(message.Notifications, message.Snapshot, dequeueCount, cancellationToken)
            : await HandleOneAsync(message.Notifications[0], messageText, dequeueCount, cancellationToken);
    }

    private async Task<Delivered> HandleOneAsync(Notification notification, string messageText, long dequeueCount, CancellationToken cancellationToken)
    {
        using var span = ApprovalsTelemetry.Start(SpanName, notification.TraceParent, notification.WorkshopId, ActivityKind.Consumer);
        span?.SetTag("approvals.notification.kind", notification.Kind.ToString());
        span?.SetTag("approvals.notification.id", notification.Id);
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["NotificationId"] = notification.Id,
            ["WorkshopId"] = notification.WorkshopId,
        });

        var claim = await sent.ClaimAsync(notification, SendLease);
        switch (claim.State)
        {
            case SendClaimState.AlreadySent:
                logger.LogInformation("Notification {NotificationId} ({Kind}) was sent before; delivery {DequeueCount} sends nothing",
                    notification.Id, notification.Kind, dequeueCount);
                return Delivered.AlreadySent;
            case SendClaimState.InProgress:
                // Look again when the other delivery's lease is over: by then it is sent, or its sender is taken for dead.
                var now = time.GetUtcNow();
                var wait = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, ((claim.LeaseEndsAt ?? now + SendLease) - now).Ticks + TimeSpan.TicksPerSecond));
                await outbox.RequeueAsync(messageText, wait, cancellationToken);
                logger.LogInformation("Notification {NotificationId} is being sent by another delivery; looking again in {RetryDelay}",
                    notification.Id, wait);
                return Delivered.Requeued;
        }

        string receipt;
        try
        {
            var mail = await renderer.RenderAsync(await facts.LoadAsync(notification));
            var message = MailMessages.Create(mail, MailSettings.From(options.Value.Mail), time.GetUtcNow());
            receipt = await transport.SendAsync(mail, message, cancellationToken);
        }
        catch (Exception e)
        {
            span.Fail(e);
            metrics.MailFailed(notification.Kind, e);
            await sent.ReleaseAsync(claim, $"{e.GetType().Name}: {e.Message}");
            if (e is not MailRelayUnavailableException || dequeueCount < options.Value.Mail.MaxDeliveries) throw;

            // The relay is down, not this mail wrong: it waits as a fresh message for a new round of tries, however
            // long the outage lasts.
            var delay = options.Value.Mail.RelayRetryDelay;
            await outbox.RequeueAsync(messageText, delay, cancellationToken);
            logger.LogWarning(e, "Notification {NotificationId} waits for the SMTP relay; trying again in {RetryDelay}", notification.Id, delay);
            return Delivered.Requeued;
        }

        metrics.MailSent(notification.Kind);

        // A crash right here, after the hand-over and before the record, is the one case that sends twice.
        if (!await sent.MarkSentAsync(claim, receipt))
        {
            logger.LogWarning("Notification {NotificationId} was claimed by another delivery while this one sent it; it may have gone out twice",
                notification.Id);
        }

        logger.LogInformation("Sent {Kind} notification {NotificationId} for workshop {WorkshopId} to {To} (attempt {Attempt}, delivery {DequeueCount}): {Receipt}",
            notification.Kind, notification.Id, notification.WorkshopId, notification.To, claim.Attempt, dequeueCount, receipt);
        return Delivered.Sent;
    }

    /// <summary>Reads a queue message; a message that is not a notification throws, so it ends in the poison queue.</summary>
    public static Notification Parse(string messageText)
    {
        if (string.IsNullOrWhiteSpace(messageText)) throw new InvalidDataException("The queue message is empty.");
        Notification? n;
        try
        {
            n = JsonSerializer.Deserialize<Notification>(messageText, Json.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The queue message is not a notification: {e.Message}", e);
        }

        if (n is null || !NotificationBatch.IsComplete(n))
        {
            throw new InvalidDataException("The queue message lacks a notification id, recipient or workshop id.");
        }

        return n;
    }
}

/// <summary>How a delivery ended without an error: the message is done with either way (a requeued mail lives on in
/// its fresh copy).</summary>
public enum Delivered
{
    Sent,
    AlreadySent,
    Requeued,
}
