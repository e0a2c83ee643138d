namespace Approvals.Server.Hosting;

/// <summary>The work the Functions host runs from triggers, run here as hosted services: the queue trigger's
/// <see cref="NotificationQueueWorker"/> and the timer trigger's <see cref="DecisionRecoveryService"/>.</summary>
internal static class BackgroundJobs
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services)
    {
        services.AddHostedService<DecisionRecoveryService>();
        return services.AddNotificationWorker();
    }

    /// <summary>Only the queue worker, with <c>Approvals:Mail:Worker</c> settings that <paramref name="configure"/> may
    /// override (tests shorten the retry delays).</summary>
    public static IServiceCollection AddNotificationWorker(this IServiceCollection services, Action<NotificationWorkerOptions>? configure = null)
    {
        var options = services.AddOptions<NotificationWorkerOptions>().BindConfiguration(NotificationWorkerOptions.Section);
        if (configure is not null) options.Configure(configure);
        services.AddHostedService<NotificationQueueWorker>();
        return services;
    }
}
