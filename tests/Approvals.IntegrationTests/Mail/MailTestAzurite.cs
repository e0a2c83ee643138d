using System.Text.Json;
using Approvals.Storage;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Mail;

/// <summary>Azurite for the mail tests, on random 127.0.0.1 ports, in memory. Installed with npm into a temp folder
/// (kept between runs, reinstalled when missing) and stopped by pid. Stands in for the shared Azurite fixture.</summary>
public sealed class MailTestAzurite : IAsyncLifetime
{
    public const string Version = "3.37.0";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private ChildProcess? process;
    private string? workspace;

    public string ConnectionString { get; private set; } = string.Empty;

    public StorageAccount Account() => StorageAccount.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.ConnectionKey] = ConnectionString }).Build());

    public async Task InitializeAsync()
    {
        var prefix = Path.Combine(Path.GetTempPath(), $"approvals-mail-azurite-{Version}");
        var entry = Path.Combine(prefix, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry) || InstalledVersion(prefix) != Version)
        {
            System.IO.Directory.CreateDirectory(prefix);
            await ChildProcess.RunAsync("npm", prefix, TimeSpan.FromMinutes(8),
                "install", $"azurite@{Version}", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error");
        }

        var ports = ChildProcess.FreePorts(3);
        workspace = System.IO.Directory.CreateTempSubdirectory("approvals-mail-azurite-").FullName;
        process = ChildProcess.Start("node", workspace,
        [
            entry,
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports[0]}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports[2]}",
            // In memory, so no --location (Azurite refuses both); the working folder takes its debug files.
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
        ]);
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (!await ChildProcess.IsListeningAsync(port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"Azurite {(process.HasExited ? "exited" : $"did not listen on 127.0.0.1:{port} within {StartTimeout}")}:\n{process.Output}");
                }

                await Task.Delay(100);
            }
        }

        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
            + $";BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
    }

    public Task DisposeAsync()
    {
        process?.Dispose();
        ChildProcess.DeleteFolderQuietly(workspace);

        return Task.CompletedTask;
    }

    private static string? InstalledVersion(string prefix)
    {
        var package = Path.Combine(prefix, "node_modules", "azurite", "package.json");
        if (!File.Exists(package)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(package));
        return doc.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
    }
}
