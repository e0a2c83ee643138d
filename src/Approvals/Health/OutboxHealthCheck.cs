using Approvals.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Approvals.Health;

/// <summary>The mail outbox: how many notifications wait, how long the oldest has waited, and how many gave up
/// (poison). A backlog is Degraded, not Unhealthy: the instance still works and taking it out would only slow the mail.</summary>
public sealed class OutboxHealthCheck(StorageAccount account, TimeProvider time) : IHealthCheck
{
    /// <summary>A notification is mailed within seconds; one waiting this long means the sender is stuck or the relay down.</summary>
    public static readonly TimeSpan Backlog = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var queue = account.Queues.GetQueueClient(StorageNames.NotificationsQueue);
            var poison = account.Queues.GetQueueClient(StorageNames.NotificationsPoisonQueue);
            var depth = queue.GetPropertiesAsync(cancellationToken);
            var oldest = queue.PeekMessageAsync(cancellationToken);
            var failed = poison.GetPropertiesAsync(cancellationToken);
            await Task.WhenAll(depth, oldest, failed);

            var age = oldest.Result.Value?.InsertedOn is { } inserted ? time.GetUtcNow() - inserted : TimeSpan.Zero;
            var data = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["depth"] = depth.Result.Value.ApproximateMessagesCount,
                ["oldestMessageAgeSeconds"] = Math.Max(0, Math.Round(age.TotalSeconds)),
                ["poisonDepth"] = failed.Result.Value.ApproximateMessagesCount,
            };
            if (age > Backlog) return HealthCheckResult.Degraded($"The oldest notification has waited {age.TotalMinutes:0} minutes.", data: data);
            if (failed.Result.Value.ApproximateMessagesCount > 0)
            {
                return HealthCheckResult.Degraded($"Notifications gave up after their retries: see the '{StorageNames.NotificationsPoisonQueue}' queue.", data: data);
            }

            return HealthCheckResult.Healthy("Notifications are leaving.", data);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The outbox queue did not answer ({e.GetType().Name}).");
        }
    }
}
