namespace Approvals.Server.Hosting;

/// <summary>The work the Functions host runs from triggers, run here as hosted services: the queue trigger's
/// <see cref="NotificationQueueWorker"/> and the timer triggers' <see cref="DecisionRecoveryService"/> and <see cref="HistoryPurgeService"/>.</summary>
internal static class BackgroundJobs
{
    public static IServiceCollection AddBackgroundJobs(this IServiceCollection services)
    {
        services.AddHostedService<DecisionRecoveryService>();
        services.AddHostedService<HistoryPurgeService>();
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
