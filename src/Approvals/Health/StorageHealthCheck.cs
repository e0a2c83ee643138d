using Approvals.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Approvals.Health;

/// <summary>Ready when the app's tables and blob containers answer: a point read of a row that does not exist and an
/// existence check of the mailbox container, the cheapest round trips each service has.</summary>
public sealed class StorageHealthCheck(Tables tables, StorageAccount account) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var workshops = await tables.GetAsync(StorageNames.Workshops);
            var row = workshops.GetEntityIfExistsAsync<TableEntity>("readiness-probe", "readiness-probe", cancellationToken: cancellationToken);
            var container = account.Blobs.GetBlobContainerClient(StorageNames.MailboxContainer).ExistsAsync(cancellationToken);
            await Task.WhenAll(row, container);
            return HealthCheckResult.Healthy("Tables and blobs answer.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The exception's type only: its message names the storage account, and the probe is public.
            return HealthCheckResult.Unhealthy($"Storage did not answer ({e.GetType().Name}).");
        }
    }
}
