using Approvals.Server.Azurite;
using Approvals.Server.Hosting;
using Approvals.Storage;
using Approvals.Workflow;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

namespace Approvals.Server.Durable;

public static class DurableSidecarExtensions
{
    /// <summary>Overrides host.json's hubName (tests give each server its own hub).</summary>
    public const string TaskHubSetting = "Approvals:TaskHub";

    /// <summary>Loopback port of the gRPC sidecar; 0 or unset picks a free one.</summary>
    public const string SidecarPortSetting = "Approvals:Durable:SidecarPort";

    /// <summary>
    /// Runs the application's orchestrators and activities the way Durable Functions would: a Durable Task
    /// gRPC sidecar over Azure Storage (settings from host.json's extensions:durableTask), with the
    /// standard gRPC <see cref="DurableTaskWorker"/> and <see cref="DurableTaskClient"/> connected to it.
    /// </summary>
    public static WebApplicationBuilder AddDurableSidecar(this WebApplicationBuilder builder, Action<DurableTaskRegistry> registerTasks)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var hostJson = DurableHostSettings.Load(DurableHostSettings.FindHostJson(builder.Environment.ContentRootPath));
        var port = builder.Configuration.GetValue<int?>(SidecarPortSetting) is > 0 and var configured
            ? configured
            : LoopbackPorts.GetFree();
        var address = $"http://127.0.0.1:{port}";

        // The default 30 s would all be spent waiting for the worker's open work-item stream, which never ends by itself.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        builder.Services.AddSingleton(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var settings = new AzureStorageOrchestrationServiceSettings
            {
                StorageAccountClientProvider = TaskHubClients(
                    configuration[EmbeddedAzurite.StorageSetting] ?? EmbeddedAzurite.DevelopmentStorage, services.GetRequiredService<StorageRequestCounts>()),
                LoggerFactory = services.GetRequiredService<ILoggerFactory>(),
            };
            hostJson.ApplyTo(settings);
            settings.TaskHubName = configuration[TaskHubSetting] ?? settings.TaskHubName;
            return settings;
        });

        // Hosted services start in registration order: the sidecar listens before the worker connects.
        builder.Services.AddSingleton<WorkerConnection>();
        DurableWorkerHealthCheck.Register(builder.Services);
        builder.Services.AddHostedService(services => new SidecarHost(
            services.GetRequiredService<AzureStorageOrchestrationServiceSettings>(), port, services.GetRequiredService<WorkerConnection>(),
            services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddDurableTaskWorker(worker => worker
            .AddTasks(registerTasks)
            .AddTasks(DiagnosticTasks.Register)
            .UseGrpc(address));
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(address));
        return builder;
    }

    /// <summary>The task hub's clients: counted with the app's own when counting is on, so a load test sees what the
    /// workflow engine costs too; and with word of each orchestration status written, so a page waiting for the
    /// workflow's answer reads it as soon as it is stored.</summary>
    static StorageAccountClientProvider TaskHubClients(string connection, StorageRequestCounts counts)
    {
        var tables = StorageAccount.Counted(new TableClientOptions(), counts, "table");
        tables.AddPolicy(new InstanceWritePolicy(InstanceChanges.Process), HttpPipelinePosition.PerCall);
        return new StorageAccountClientProvider(
            StorageServiceClientProvider.ForBlob(connection, StorageAccount.Counted(new BlobClientOptions(), counts, "blob")),
            StorageServiceClientProvider.ForQueue(connection, StorageAccount.Counted(new QueueClientOptions(), counts, "queue")),
            StorageServiceClientProvider.ForTable(connection, tables));
    }
}
