namespace Approvals.Server.Azurite;

/// <summary>How to run Azurite: ports on 127.0.0.1 and where (or whether) it keeps its data.</summary>
public sealed record AzuriteOptions
{
    public int BlobPort { get; init; } = 10000;
    public int QueuePort { get; init; } = 10001;
    public int TablePort { get; init; } = 10002;

    /// <summary>Data folder; <c>null</c> keeps everything in memory (lost when Azurite stops).</summary>
    public string? Location { get; init; }

    /// <summary>Folder holding the package.json that pins azurite; <c>null</c> searches for it.</summary>
    public string? RepositoryRoot { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Time Azurite gets to close (and flush its data files) before it is killed.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    public IReadOnlyList<int> Ports => [BlobPort, QueuePort, TablePort];

    /// <summary>Azurite's well-known development account, as in <c>UseDevelopmentStorage=true</c>.</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";
}
