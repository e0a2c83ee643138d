using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Notifications;

public static class NotificationWorkerExtensions
{
    /// <summary>Runs <see cref="NotificationQueueWorker"/> in this host. For the self-hosted server only: the Functions
    /// app reads the queue with a <c>[QueueTrigger]</c> that calls <see cref="NotificationHandler"/>.</summary>
    public static IServiceCollection AddNotificationWorker(this IServiceCollection services, Action<NotificationWorkerOptions>? configure = null)
    {
        var builder = services.AddOptions<NotificationWorkerOptions>().BindConfiguration(NotificationWorkerOptions.Section);
        if (configure is not null) builder.Configure(configure);
        services.AddHostedService<NotificationQueueWorker>();
        return services;
    }
}
