using Approvals.Nominations;
using Approvals.Participants;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The roster of a published workshop, PK = workshop id, one row per person (RK = <see cref="Participant.Id"/>).
/// Publication writes it from the accepted slates; a workshop published before the roster existed gets it from its
/// slates the first time it is read.</summary>
public sealed class ParticipantStore(Tables tables, NominationStore nominations)
{
    /// <summary>The most rows one entity-group transaction takes.</summary>
    private const int BatchSize = 100;

    /// <summary>Writes the roster from the accepted slates, keeping any row already there (a retried publication, or a
    /// roster changed since), so it only ever adds the people a first write missed.</summary>
    public async Task SeedAsync(string workshopId, IReadOnlyList<Slate> slates, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(slates);
        var table = await tables.GetAsync(StorageNames.Participants);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}"), select: [nameof(ITableEntity.RowKey)]))
        {
            existing.Add(row.RowKey);
        }

        var missing = slates.Where(s => !s.Declined)
            .SelectMany(s => s.Nominees.Select(n => Participant.Invite(workshopId, s.Ministry, n, at)))
            .DistinctBy(p => p.Id)
            .Where(p => !existing.Contains(p.Id))
            .Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ParticipantRow.From(workshopId, p)));
        await SubmitAsync(table, missing);
    }

    /// <summary>Everyone on the roster, withdrawn ones included, in the order of their ministry and name.</summary>
    public async Task<IReadOnlyList<Participant>> ListAsync(string workshopId)
    {
        var list = await ReadAsync(workshopId);
        if (list.Count > 0) return list;

        // Published before the roster existed: its roster is its accepted slates.
        var slates = await nominations.ListAsync(workshopId);
        if (slates.All(s => s.Declined || s.Nominees.Count == 0)) return list;
        await SeedAsync(workshopId, slates, slates.Max(s => s.SubmittedAt));
        return await ReadAsync(workshopId);
    }

    public async Task<Participant?> GetAsync(string workshopId, string participantId)
    {
        var table = await tables.GetAsync(StorageNames.Participants);
        try
        {
            return (await table.FindAsync<ParticipantRow>(workshopId, participantId))?.ToParticipant();
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return null;
        }
    }

    /// <summary>Writes changed people (whole rows); up to a hundred at a time are written together or not at all.</summary>
    public async Task SaveAsync(string workshopId, IReadOnlyList<Participant> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var table = await tables.GetAsync(StorageNames.Participants);
        await SubmitAsync(table, changed.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ParticipantRow.From(workshopId, p))));
    }

    private async Task<IReadOnlyList<Participant>> ReadAsync(string workshopId)
    {
        var table = await tables.GetAsync(StorageNames.Participants);
        var list = new List<Participant>();
        await foreach (var row in table.QueryAsync<ParticipantRow>(TableClient.CreateQueryFilter($"PartitionKey eq {workshopId}")))
        {
            list.Add(row.ToParticipant());
        }

        return list.OrderBy(p => p.Ministry, StringComparer.Ordinal).ThenBy(p => p.Person.Name, StringComparer.Ordinal).ToList();
    }

    private static async Task SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions)
    {
        foreach (var batch in actions.Chunk(BatchSize))
        {
            await table.SubmitTransactionAsync(batch);
        }
    }
}
