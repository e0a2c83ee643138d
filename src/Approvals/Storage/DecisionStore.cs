using Approvals.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>A decision taken through a link, as stored: one per workshop, stage and round.</summary>
public sealed record StoredDecision(
    string WorkshopId, Stage Stage, int Round, string Approver, Decision Decision, string? Comment, string TokenId, DateTimeOffset At, bool Raised);

/// <summary>Decisions and consumed tokens: PK = workshop id, RK = stage and round, written with a conditional insert
/// so the first decision wins and every later attempt (another click, another approver, a retry) sees it.</summary>
public sealed class DecisionStore(Tables tables)
{
    public async Task<(bool Won, StoredDecision Decision)> TryRecordAsync(StoredDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var table = await tables.GetAsync(StorageNames.Decisions);
        try
        {
            await table.AddEntityAsync(ToEntity(decision));
            return (true, decision);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return (false, (await GetAsync(decision.WorkshopId, decision.Stage, decision.Round))!);
        }
    }

    public async Task<StoredDecision?> GetAsync(string workshopId, Stage stage, int round)
    {
        var table = await tables.GetAsync(StorageNames.Decisions);
        var entity = await table.FindAsync<TableEntity>(workshopId, RowKey(stage, round));
        return entity is null ? null : FromEntity(entity);
    }

    public async Task MarkRaisedAsync(StoredDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var table = await tables.GetAsync(StorageNames.Decisions);
        await table.UpdateEntityAsync(new TableEntity(decision.WorkshopId, RowKey(decision.Stage, decision.Round)) { ["Raised"] = true }, ETag.All, TableUpdateMode.Merge);
    }

    private static string RowKey(Stage stage, int round) => $"{stage}-{round:D3}";

    private static TableEntity ToEntity(StoredDecision d) => new(d.WorkshopId, RowKey(d.Stage, d.Round))
    {
        ["Stage"] = d.Stage.ToString(),
        ["Round"] = d.Round,
        ["Approver"] = d.Approver,
        ["Decision"] = d.Decision.ToString(),
        ["Comment"] = d.Comment,
        ["TokenId"] = d.TokenId,
        ["At"] = d.At,
        ["Raised"] = d.Raised,
    };

    private static StoredDecision FromEntity(TableEntity e) => new(
        e.PartitionKey,
        Enum.Parse<Stage>(e.GetString("Stage")),
        e.GetInt32("Round") ?? 0,
        e.GetString("Approver"),
        Enum.Parse<Decision>(e.GetString("Decision")),
        e.GetString("Comment"),
        e.GetString("TokenId"),
        e.GetDateTimeOffset("At") ?? default,
        e.GetBoolean("Raised") ?? false);
}
