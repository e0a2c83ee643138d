using Approvals.Notifications;
using Approvals.Storage;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace Approvals.Server.Hosting;

/// <summary>The server's stand-in for the Functions queue trigger: polls <c>notifications</c>, hands each message to
/// <see cref="NotificationHandler"/>, deletes it on success, hides it again with exponential back-off on failure, and
/// after <see cref="MailOptions.MaxDeliveries"/> deliveries moves it to <c>notifications-poison</c>.</summary>
internal sealed class NotificationQueueWorker(
    StorageAccount account,
    NotificationHandler handler,
    IOptions<NotificationWorkerOptions> options,
    IOptions<ApprovalsOptions> approvals,
    TimeProvider time,
    ILogger<NotificationQueueWorker> logger) : BackgroundService
{
    private readonly NotificationWorkerOptions o = options.Value;
    private int MaxDeliveries => approvals.Value.Mail.MaxDeliveries;
    private readonly QueueClient queue = account.Queues.GetQueueClient(StorageNames.NotificationsQueue);
    private readonly QueueClient poison = account.Queues.GetQueueClient(StorageNames.NotificationsPoisonQueue);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EnsureQueuesAsync(stoppingToken);
        var wait = o.BusyPollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await queue.ReceiveMessagesAsync(Math.Clamp(o.BatchSize, 1, 32), o.VisibilityTimeout, stoppingToken)).Value;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not read queue {Queue}; trying again in {Delay}", StorageNames.NotificationsQueue, o.IdlePollInterval);
                await Delay(o.IdlePollInterval, stoppingToken);
                continue;
            }

            if (batch.Length == 0)
            {
                await Delay(wait, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, o.IdlePollInterval.Ticks));
                continue;
            }

            wait = o.BusyPollInterval;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Concurrency), CancellationToken = stoppingToken },
                async (message, ct) => await ProcessAsync(message, ct));
        }
    }

    /// <summary>Handles one received message to its end: deleted, hidden for a retry, or moved to the poison queue.</summary>
    internal async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > MaxDeliveries)
        {
            // Delivered more often than allowed without an outcome (e.g. the process died while handling it).
            await MoveToPoisonAsync(message, $"dequeued {message.DequeueCount} times without completing", null, cancellationToken);
            return;
        }

        try
        {
            await handler.HandleAsync(message.MessageText, message.DequeueCount, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // Shutting down: the message reappears after its visibility timeout.
        }
        catch (Exception e)
        {
            await FailAsync(message, e, cancellationToken);
            return;
        }

        await Try(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken), "delete", message);
    }

    private async Task FailAsync(QueueMessage message, Exception error, CancellationToken cancellationToken)
    {
        // A mail that waits (relay down, another delivery sending it) is requeued by the handler, which then returns
        // normally: what reaches here is a real failure of this mail.
        if (message.DequeueCount >= MaxDeliveries)
        {
            await MoveToPoisonAsync(message, $"{error.GetType().Name}: {error.Message}", error, cancellationToken);
            return;
        }

        var delay = RetryDelay(message.DequeueCount);
        logger.LogWarning(error, "Notification message {QueueMessageId} failed on delivery {DequeueCount} of {MaxDequeueCount}; retrying in {RetryDelay}",
            message.MessageId, message.DequeueCount, MaxDeliveries, delay);
        await Try(() => queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken),
            "hide for retry", message);
    }

    /// <summary>Copies the message to the poison queue, then deletes it: if the delete fails the message comes back and
    /// is moved again, so it may appear twice in the poison queue but is never lost.</summary>
    private async Task MoveToPoisonAsync(QueueMessage message, string reason, Exception? error, CancellationToken cancellationToken)
    {
        string? notificationId = null;
        try
        {
            notificationId = NotificationHandler.Parse(message.MessageText).Id;
        }
        catch (InvalidDataException)
        {
            // Not a notification at all: the reason says why.
        }

        try
        {
            await poison.SendMessageAsync(message.MessageText, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            logger.LogError(e, "Could not move notification message {QueueMessageId} to {PoisonQueue}; it stays in {Queue}",
                message.MessageId, StorageNames.NotificationsPoisonQueue, StorageNames.NotificationsQueue);
            return;
        }

        logger.LogError(error, "Notification {NotificationId} (message {QueueMessageId}) moved to {PoisonQueue} after {DequeueCount} deliveries: {Reason}",
            notificationId, message.MessageId, StorageNames.NotificationsPoisonQueue, message.DequeueCount, reason);
        await Try(() => queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken), "delete after poisoning", message);
    }

    internal TimeSpan RetryDelay(long dequeueCount)
    {
        var factor = Math.Pow(2, Math.Clamp(dequeueCount - 1, 0, 20));
        var ticks = Math.Min(o.RetryDelay.Ticks * factor, o.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    private async Task EnsureQueuesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Storage is not reachable yet for queue {Queue}; trying again in {Delay}", StorageNames.NotificationsQueue, o.IdlePollInterval);
                await Delay(o.IdlePollInterval, stoppingToken);
            }
        }
    }

    /// <summary>A queue operation whose failure only delays things: the message becomes visible again by itself.</summary>
    private async Task Try(Func<Task> operation, string what, QueueMessage message)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException)
        {
            logger.LogWarning(e, "Could not {Operation} notification message {QueueMessageId}; it becomes visible again after its timeout",
                what, message.MessageId);
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
