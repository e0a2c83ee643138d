using Approvals.Contacts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Approvals.Notifications;

namespace Approvals.Storage;

/// <summary>At start: creates the app's tables, queues and containers, and seeds the directory when it is empty.</summary>
public sealed class StorageStartup(
    Tables tables, DirectoryStore directory, IConfiguration configuration, IHostEnvironment environment, IOptions<ApprovalsOptions> options,
    ILogger<StorageStartup> logger)
    : IHostedService
{
    public const string SeedKey = "Approvals:DirectorySeed";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureAllAsync(cancellationToken);
        if (!environment.IsDevelopment() && !MailSettings.UsesSmtp(options.Value.Mail))
        {
            logger.LogWarning("No SMTP host is configured (Approvals:Mail:Smtp:Host): mails are kept in the '{Container}' blob container and nobody receives them",
                StorageNames.MailboxContainer);
        }

        if (!await directory.IsEmptyAsync()) return;
        var path = FindSeed();
        if (path is null)
        {
            logger.LogWarning("The directory is empty and no seed file was found; set {Key} to a directory.json", SeedKey);
            return;
        }

        var seed = Json.Deserialize<ProjectDirectory>(await File.ReadAllTextAsync(path, cancellationToken));
        await directory.SaveAsync(seed);
        logger.LogInformation("Seeded the directory from {Path}: {Ministries} ministries", path, seed.Ministries.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private string? FindSeed()
    {
        var configured = configuration[SeedKey];
        var relative = configured ?? Path.Combine("samples", "directory.json");
        if (Path.IsPathRooted(relative)) return File.Exists(relative) ? relative : null;
        foreach (var root in new[] { environment.ContentRootPath, AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relative);
                if (File.Exists(candidate)) return candidate;
            }
        }

        return null;
    }
}
