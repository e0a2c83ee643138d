using System.Security.Cryptography;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approvals.Proposals;

/// <summary>What became of a submission.</summary>
public sealed record IntakeResult(string? WorkshopId, string? ConflictReason);

/// <summary>Stores a valid proposal and starts its workflow, exactly once per Idempotency-Key.</summary>
public sealed class ProposalIntake(
    WorkshopStore workshops, IdempotencyStore idempotency, DirectoryStore directory, IOptions<ApprovalsOptions> options, TimeProvider time, ILogger<ProposalIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(Proposal proposal, byte[] rawBody, string? idempotencyKey, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(client);
        var id = NewWorkshopId(time.GetUtcNow());
        var ours = true;
        if (!string.IsNullOrWhiteSpace(idempotencyKey))
        {
            var bodyHash = Convert.ToHexStringLower(SHA256.HashData(rawBody));
            var claim = await idempotency.ClaimAsync(idempotencyKey, bodyHash, id);
            if (claim.BodyHash != bodyHash)
            {
                return new IntakeResult(null, "This Idempotency-Key was already used with a different body.");
            }

            id = claim.WorkshopId;
            ours = claim.IsNew;
            if (!claim.IsNew)
            {
                // The first request may still be storing; give it a moment, then finish its work if it died.
                for (var i = 0; i < 50 && await workshops.GetAsync(id) is null; i++) await Task.Delay(100);
            }
        }

        // An id this request made (or claimed first) is stored by nobody else: it is created without a look first, and
        // its run cannot exist yet. Another request's id may be stored and started already.
        var now = time.GetUtcNow();
        var existing = ours ? null : await workshops.GetAsync(id);
        if (existing is null)
        {
            var record = new WorkshopRecord(id, proposal.Title, Stage.InternalReview, 0, now, now, proposal, []);
            if (await workshops.CreateAsync(record))
            {
                await StartAsync(record, client);
                return new IntakeResult(id, null);
            }

            existing = await workshops.GetAsync(id);
        }

        await EnsureStartedAsync(existing!, client);
        return new IntakeResult(id, null);
    }

    /// <summary>Starts the orchestration unless it already exists (a retry after a crash between store and start).</summary>
    public async Task EnsureStartedAsync(WorkshopRecord workshop, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(workshop);
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(workshop.Id) is not null) return;
        await StartAsync(workshop, client);
    }

    private async Task StartAsync(WorkshopRecord workshop, DurableTaskClient client)
    {
        var o = options.Value;
        var input = new WorkshopStarted(workshop.Id, workshop.Proposal, workshop.SubmittedAt, o.Timing, o.MaxRevisionRounds, WorkshopStarted.Current)
        {
            Directory = await directory.LoadAsync(),
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(WorkshopOrchestration), input, new StartOrchestrationOptions(workshop.Id));
            logger.LogInformation("Workshop {WorkshopId} submitted: {Title}", workshop.Id, workshop.Title);
        }
        catch (Exception e)
        {
            // Another request may have started it between our check and our start; anything else is a real failure.
            if (await client.GetInstanceAsync(workshop.Id) is null) throw;
            logger.LogDebug(e, "Workshop {WorkshopId} was started concurrently", workshop.Id);
        }
    }

    /// <summary>Readable, sortable and unguessable: <c>ws-20261129-7f3a9c1e</c>.</summary>
    public static string NewWorkshopId(DateTimeOffset now) =>
        $"ws-{now.UtcDateTime:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
}
