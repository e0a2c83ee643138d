using System.Net;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Approvals.Server.Durable;

/// <summary>
/// Runs Microsoft's Durable Task gRPC sidecar over Azure Storage in its own small web host on
/// 127.0.0.1, HTTP/2 only, so the public endpoint keeps its own (HTTP/1.1) URLs.
/// </summary>
sealed class SidecarHost(AzureStorageOrchestrationServiceSettings settings, int port, WorkerConnection workerConnection, ILoggerFactory loggerFactory)
    : IHostedService, IAsyncDisposable
{
    readonly AzureStorageOrchestrationService service = new(settings);
    readonly ILogger logger = loggerFactory.CreateLogger<SidecarHost>();
    WebApplication? sidecar;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // TaskHubGrpcServer serves an existing task hub but never creates one: its tables and queues are made here.
        await service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore()
            .ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o =>
        {
            o.Interceptors.Add<WorkerConnectionWatch>(workerConnection);
            // An orchestrator's answer carries its activities' inputs: a slate of a thousand nominees with long Chinese
            // names is about 3.5 MB as Durable writes it, near gRPC's default 4 MB. Azure's host takes far more.
            o.MaxReceiveMessageSize = 16 * 1024 * 1024;
        });
        // Logs go to the application's logging, less the inner host's own "Now listening on" lines.
        builder.Logging.ClearProviders()
            .AddProvider(new ForwardTo(loggerFactory))
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // The outer host owns Ctrl-C and shutdown order; the sidecar stops when it is told to.
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.AddSingleton(StartStopGuard.Wrap(service));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();

        sidecar = builder.Build();
        sidecar.MapGrpcService<TaskHubGrpcServer>();
        await sidecar.StartAsync(cancellationToken);
        logger.LogInformation("Durable Task sidecar (gRPC) on http://127.0.0.1:{Port}, task hub {TaskHub}", port, settings.TaskHubName);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // TaskHubGrpcServer stops the storage service on shutdown even when no worker ever connected (so it was never
        // started), and AzureStorageOrchestrationService.StopAsync then throws on an async-void path that ends the
        // process. Without a worker there is nothing to stop: disposing is enough (an early Ctrl-C, a failed start).
        // A worker that connected just now may find the start still under way: StartStopGuard waits for it.
        if (sidecar is not null && workerConnection.Seen)
        {
            await sidecar.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (sidecar is not null)
        {
            await sidecar.DisposeAsync();
        }
    }

    sealed class WorkerConnectionWatch(WorkerConnection connection) : Interceptor
    {
        public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
            TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            if (!context.Method.EndsWith("/GetWorkItems", StringComparison.Ordinal))
            {
                await continuation(request, responseStream, context);
                return;
            }

            connection.Opened();
            try
            {
                await continuation(request, responseStream, context);
            }
            finally
            {
                connection.Closed();
            }
        }
    }

    sealed class ForwardTo(ILoggerFactory loggerFactory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => loggerFactory.CreateLogger(categoryName);

        public void Dispose()
        {
        }
    }

    sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
