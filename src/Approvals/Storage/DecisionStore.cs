using Approvals.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>A decision taken through a link, as stored: one per workshop, stage and round.</summary>
/// <param name="Via">The request that stored it; absent on decisions stored before it was kept.</param>
public sealed record StoredDecision(
    string WorkshopId, Stage Stage, int Round, string Approver, Decision Decision, string? Comment, string TokenId, DateTimeOffset At, bool Raised,
    LinkVisit? Via = null)
{
    /// <summary>The workflow event that carries this decision (the click's, or the recovery job's: the same).</summary>
    public DecisionRecorded ToEvent() => new(Stage, Round, Approver, Decision, Comment, TokenId, At, Via);

    /// <summary>The audit line of the click, with the client it came from.</summary>
    public AuditEntry? ToAuditEntry() => Via is null ? null : new AuditEntry(TokenId, At, Stage, AuditActions.DecisionVia(Decision), Via.Recipient,
        Comment, TokenId, "link", Via.ClientIp, Via.UserAgent, Via.ForwardedFor);
}

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
            await table.AddEntityAsync(DecisionRow.From(decision));
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
        var row = await table.FindAsync<DecisionRow>(workshopId, DecisionRow.RowKeyOf(stage, round));
        return row?.ToDecision();
    }

    /// <summary>Every decision whose workflow event is not known to be raised: one query of the table, whose rows
    /// nearly all say raised, instead of a read per waiting workshop.</summary>
    public async Task<IReadOnlyList<StoredDecision>> ListUnraisedAsync(CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(StorageNames.Decisions);
        var unraised = new List<StoredDecision>();
        await foreach (var row in table.QueryAsync<DecisionRow>(r => r.Raised == false, cancellationToken: cancellationToken))
        {
            unraised.Add(row.ToDecision());
        }

        return unraised;
    }

    public async Task MarkRaisedAsync(StoredDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var table = await tables.GetAsync(StorageNames.Decisions);
        // A merge of the one column, so nothing else of the first decision can be overwritten.
        var raised = new TableEntity(decision.WorkshopId, DecisionRow.RowKeyOf(decision.Stage, decision.Round)) { [nameof(DecisionRow.Raised)] = true };
        await table.UpdateEntityAsync(raised, ETag.All, TableUpdateMode.Merge);
    }
}

/// <summary>One decision row; <see cref="Raised"/> turns true once the workflow has been told.</summary>
internal sealed class DecisionRow : TableRow
{
    public Stage Stage { get; set; }
    public int Round { get; set; }
    public string Approver { get; set; } = string.Empty;
    public Decision Decision { get; set; }
    public string? Comment { get; set; }
    public string TokenId { get; set; } = string.Empty;
    public DateTimeOffset At { get; set; }
    public bool Raised { get; set; }
    public string? ViaRecipient { get; set; }
    public string? ViaClientIp { get; set; }
    public string? ViaUserAgent { get; set; }
    public string? ViaForwardedFor { get; set; }

    public static string RowKeyOf(Stage stage, int round) => $"{stage}-{round:D3}";

    public static DecisionRow From(StoredDecision d) => new()
    {
        PartitionKey = d.WorkshopId,
        RowKey = RowKeyOf(d.Stage, d.Round),
        Stage = d.Stage,
        Round = d.Round,
        Approver = d.Approver,
        Decision = d.Decision,
        Comment = d.Comment,
        TokenId = d.TokenId,
        At = d.At,
        Raised = d.Raised,
        ViaRecipient = d.Via?.Recipient,
        ViaClientIp = d.Via?.ClientIp,
        ViaUserAgent = d.Via?.UserAgent,
        ViaForwardedFor = d.Via?.ForwardedFor,
    };

    public StoredDecision ToDecision() => new(PartitionKey, Stage, Round, Approver, Decision, Comment, TokenId, At, Raised,
        ViaRecipient is null ? null : new LinkVisit(ViaRecipient, ViaClientIp, ViaUserAgent, ViaForwardedFor));
}
