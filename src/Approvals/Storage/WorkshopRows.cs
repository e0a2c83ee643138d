using Approvals.Handovers;
using Approvals.Proposals;
using Approvals.Workflow;

namespace Approvals.Storage;

/// <summary>Table <c>Workshops</c>: one row per workshop (PK = id, RK <c>workshop</c>); proposal and pending requests as JSON.</summary>
internal sealed class WorkshopRow : TableRow
{
    public const string Key = "workshop";

    public string Title { get; set; } = string.Empty;
    public Stage Stage { get; set; }
    public int Round { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string Proposal { get; set; } = string.Empty;
    public string Pending { get; set; } = string.Empty;
    public Stage? ResumesAt { get; set; }

    /// <summary>The handovers of the open requests as JSON; absent while there are none.</summary>
    public string? Handovers { get; set; }

    /// <summary>The stuck step as JSON; absent while nothing is stuck.</summary>
    public string? Stuck { get; set; }

    /// <summary>The number of the last workflow step applied; absent until the first.</summary>
    public long? Sequence { get; set; }

    /// <summary>True for workshops stored since their audit lines live in this partition (<see cref="AuditLog"/>);
    /// absent on earlier ones, whose first lines are in the <c>Audit</c> table.</summary>
    public bool? AuditInPartition { get; set; }

    public static WorkshopRow From(WorkshopRecord w, long? sequence = null) => new()
    {
        PartitionKey = w.Id,
        RowKey = Key,
        Title = w.Title,
        Stage = w.Stage,
        Round = w.Round,
        SubmittedAt = w.SubmittedAt,
        UpdatedAt = w.UpdatedAt,
        Proposal = Json.Store(w.Proposal),
        Pending = Json.Store(w.Pending),
        ResumesAt = w.ResumesAt,
        Stuck = w.Stuck is null ? null : Json.Serialize(w.Stuck),
        Sequence = sequence,
        Handovers = w.Handovers.Count == 0 ? null : Json.Store(w.Handovers),
        AuditInPartition = w.AuditInPartition ? true : null,
    };

    public WorkshopRecord ToRecord() => new(
        PartitionKey, Title, Stage, Round, SubmittedAt, UpdatedAt,
        Json.Deserialize<Proposal>(Proposal), Json.Deserialize<List<PendingRequest>>(Pending), ResumesAt,
        Stuck is null ? null : Json.Deserialize<StuckStep>(Stuck))
    {
        Handovers = Handovers is null ? [] : Json.Deserialize<List<Handover>>(Handovers),
        AuditInPartition = AuditInPartition == true,
    };
}

/// <summary>Table <c>WorkshopIndex</c>: one row per workshop in PK <c>all</c> and one in its stage's partition, row keys
/// in reverse submission order.</summary>
internal sealed class WorkshopIndexRow : TableRow
{
    public string Id { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public Stage Stage { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? NextDueAt { get; set; }
    public string? Stuck { get; set; }

    public static WorkshopIndexRow From(string partition, WorkshopRecord w) => new()
    {
        PartitionKey = partition,
        RowKey = RowKeyOf(w),
        Id = w.Id,
        Title = w.Title,
        Stage = w.Stage,
        SubmittedAt = w.SubmittedAt,
        UpdatedAt = w.UpdatedAt,
        NextDueAt = w.Pending.Count == 0 ? null : w.Pending.Min(p => p.DueAt),
        Stuck = w.Stuck is null ? null : Json.Serialize(w.Stuck),
    };

    public static string RowKeyOf(WorkshopRecord w) => ReverseTime.Key(w.SubmittedAt, w.Id);

    public WorkshopSummary ToSummary() => new(Id, Title, Stage, SubmittedAt, UpdatedAt, NextDueAt, Stuck is null ? null : Json.Deserialize<StuckStep>(Stuck));
}
