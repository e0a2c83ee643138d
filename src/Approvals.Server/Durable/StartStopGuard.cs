using System.Reflection;
using DurableTask.Core;

namespace Approvals.Server.Durable;

/// <summary>
/// The orchestration service as the sidecar's dispatcher sees it: every call goes to the real service, except that a
/// stop waits for a start still under way and is skipped when the service never started.
/// </summary>
/// <remarks>
/// The sidecar starts the storage service on an async-void path once a worker connects, and stops it on another when
/// the host stops. A stop that lands while the start is still creating tables (a server stopped seconds after it
/// started, as tests do) throws a NullReferenceException in AzureStorageOrchestrationService.StopAsync, and an
/// exception there ends the process. Seen on a loaded CI machine.
/// </remarks>
public class StartStopGuard : DispatchProxy
{
    IOrchestrationService inner = null!;
    readonly object gate = new();
    Task? started;

    /// <summary>Wraps <paramref name="service"/>.</summary>
    public static IOrchestrationService Wrap(IOrchestrationService service)
    {
        var proxy = Create<IOrchestrationService, StartStopGuard>();
        ((StartStopGuard)(object)proxy).inner = service;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        switch (targetMethod.Name)
        {
            case nameof(IOrchestrationService.StartAsync):
                lock (gate)
                {
                    started = inner.StartAsync();
                    return started;
                }

            case nameof(IOrchestrationService.StopAsync):
                return StopAsync(args is { Length: 1 } && args[0] is true);

            default:
                try
                {
                    return targetMethod.Invoke(inner, args);
                }
                catch (TargetInvocationException e) when (e.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                    throw;
                }
        }
    }

    async Task StopAsync(bool isForced)
    {
        Task? start;
        lock (gate)
        {
            start = started;
        }

        if (start is null)
        {
            return;
        }

        try
        {
            await start;
        }
        catch (Exception)
        {
            return; // a start that failed left nothing running to stop
        }

        await inner.StopAsync(isForced);
    }
}
