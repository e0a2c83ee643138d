using DurableTask.AzureStorage;

namespace Approvals.Server.Durable;

/// <summary>
/// The <c>extensions:durableTask</c> settings of a host.json, as the Durable Functions extension reads them.
/// A null value means the file leaves it to the storage provider's default.
/// </summary>
public sealed record DurableHostSettings
{
    public const string Section = "extensions:durableTask";

    public string? HubName { get; init; }
    public int? PartitionCount { get; init; }
    public TimeSpan? MaxQueuePollingInterval { get; init; }
    public int? ControlQueueBatchSize { get; init; }
    public int? ControlQueueBufferThreshold { get; init; }
    public TimeSpan? ControlQueueVisibilityTimeout { get; init; }
    public TimeSpan? WorkItemQueueVisibilityTimeout { get; init; }
    public bool? UseTablePartitionManagement { get; init; }
    public int? MaxConcurrentActivityFunctions { get; init; }
    public int? MaxConcurrentOrchestratorFunctions { get; init; }

    /// <summary>Reads the file at <paramref name="path"/> (comments and trailing commas allowed, keys case-insensitive).</summary>
    public static DurableHostSettings Load(string path)
    {
        var durable = new ConfigurationBuilder()
            .AddJsonFile(Path.GetFullPath(path), optional: false, reloadOnChange: false)
            .Build()
            .GetSection(Section);
        var storage = durable.GetSection("storageProvider");
        return new DurableHostSettings
        {
            HubName = durable["hubName"],
            PartitionCount = storage.GetValue<int?>("partitionCount"),
            MaxQueuePollingInterval = storage.GetValue<TimeSpan?>("maxQueuePollingInterval"),
            ControlQueueBatchSize = storage.GetValue<int?>("controlQueueBatchSize"),
            ControlQueueBufferThreshold = storage.GetValue<int?>("controlQueueBufferThreshold"),
            ControlQueueVisibilityTimeout = storage.GetValue<TimeSpan?>("controlQueueVisibilityTimeout"),
            WorkItemQueueVisibilityTimeout = storage.GetValue<TimeSpan?>("workItemQueueVisibilityTimeout"),
            UseTablePartitionManagement = storage.GetValue<bool?>("useTablePartitionManagement"),
            MaxConcurrentActivityFunctions = durable.GetValue<int?>("maxConcurrentActivityFunctions"),
            MaxConcurrentOrchestratorFunctions = durable.GetValue<int?>("maxConcurrentOrchestratorFunctions"),
        };
    }

    /// <summary>The host.json in the content root, else the one copied beside the application.</summary>
    public static string FindHostJson(string contentRoot)
    {
        string[] candidates = [Path.Combine(contentRoot, "host.json"), Path.Combine(AppContext.BaseDirectory, "host.json")];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No host.json in {string.Join(" or ", candidates)}.", candidates[0]);
    }

    /// <summary>Copies every setting the file gives onto the Azure Storage provider's settings.</summary>
    public void ApplyTo(AzureStorageOrchestrationServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.TaskHubName = HubName ?? settings.TaskHubName;
        settings.PartitionCount = PartitionCount ?? settings.PartitionCount;
        settings.MaxQueuePollingInterval = MaxQueuePollingInterval ?? settings.MaxQueuePollingInterval;
        settings.ControlQueueBatchSize = ControlQueueBatchSize ?? settings.ControlQueueBatchSize;
        settings.ControlQueueBufferThreshold = ControlQueueBufferThreshold ?? settings.ControlQueueBufferThreshold;
        settings.ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout ?? settings.ControlQueueVisibilityTimeout;
        settings.WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout ?? settings.WorkItemQueueVisibilityTimeout;
        settings.UseTablePartitionManagement = UseTablePartitionManagement ?? settings.UseTablePartitionManagement;
        settings.MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivityFunctions ?? settings.MaxConcurrentTaskActivityWorkItems;
        settings.MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestratorFunctions ?? settings.MaxConcurrentTaskOrchestrationWorkItems;
    }
}
