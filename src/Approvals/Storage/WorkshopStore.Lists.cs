using Approvals.Notifications;
using Approvals.Workflow;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>Which workshops a list shows. <see cref="From"/> and <see cref="To"/> are submission days in China time,
/// both included; <see cref="Text"/> is looked for in the title, whatever the case.</summary>
public sealed record WorkshopFilter(
    Stage? Stage = null, bool OverdueOnly = false, bool StuckOnly = false, DateOnly? From = null, DateOnly? To = null, string? Text = null)
{
    public bool IsEmpty => this == new WorkshopFilter();
}

/// <summary>The lists of workshops, read from the index table.</summary>
public sealed partial class WorkshopStore
{
    // A title search is done here, not by the table service, so one page of answers may read several pages of rows;
    // past this many the page is returned as it is and the next one goes on from there.
    private const int MaxPagesPerList = 20;

    /// <summary>The workshops with a stuck step, newest first (at most <paramref name="max"/>).</summary>
    public async Task<IReadOnlyList<WorkshopSummary>> ListStuckAsync(int max) =>
        (await ListAsync(new WorkshopFilter(StuckOnly: true), null, max)).Page.Items.Take(max).ToList();

    public Task<WorkshopListing> ListAsync(Stage? stage, bool overdueOnly, string? continuationToken, int pageSize) =>
        ListAsync(new WorkshopFilter(stage, overdueOnly), continuationToken, pageSize);

    /// <summary>One page of the list, newest first; a continuation token the table service refuses is
    /// <see cref="WorkshopListing.RejectedToken"/>, not an exception.</summary>
    public async Task<WorkshopListing> ListAsync(WorkshopFilter filter, string? continuationToken, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (continuationToken is not null && !IsTokenShaped(continuationToken)) return WorkshopListing.RejectedToken;
        var index = await tables.GetAsync(StorageNames.WorkshopIndex);
        var rows = index.QueryAsync<WorkshopIndexRow>(QueryOf(filter), maxPerPage: pageSize);
        var items = new List<WorkshopSummary>();
        var token = continuationToken;
        var pages = 0;
        try
        {
            await foreach (var page in rows.AsPages(continuationToken, pageSize))
            {
                items.AddRange(page.Values.Select(r => r.ToSummary()).Where(w => Matches(filter, w)));
                token = page.ContinuationToken;
                pages++;
                if (items.Count >= pageSize || pages >= MaxPagesPerList) break;
            }
        }
        catch (RequestFailedException e) when (e.Status == 400 && continuationToken is not null)
        {
            return WorkshopListing.RejectedToken;
        }

        return new WorkshopListing(new WorkshopPage(items, pages == 0 ? null : token));
    }

    /// <summary>How many workshops are at each stage now: one read of every workshop's stage alone.</summary>
    public async Task<IReadOnlyDictionary<Stage, int>> CountByStageAsync()
    {
        var index = await tables.GetAsync(StorageNames.WorkshopIndex);
        var counts = StageNames.InOrder.ToDictionary(s => s, _ => 0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AllPartition}");
        await foreach (var row in index.QueryAsync<WorkshopIndexRow>(filter, select: [nameof(WorkshopIndexRow.Stage)]))
        {
            counts[row.Stage] = counts.GetValueOrDefault(row.Stage) + 1;
        }

        return counts;
    }

    private string QueryOf(WorkshopFilter filter)
    {
        var partition = filter.StuckOnly ? StuckPartition : AllPartition;
        var parts = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {partition}") };

        // A step writes the workshop's row in "all" alone; a stage's list is that partition filtered by the table service.
        if (!filter.StuckOnly && filter.Stage is { } stage) parts.Add(TableClient.CreateQueryFilter($"Stage eq {stage.ToString()}"));
        if (filter.OverdueOnly) parts.Add(TableClient.CreateQueryFilter($"NextDueAt lt {time.GetUtcNow()}"));
        if (filter.From is { } from) parts.Add(TableClient.CreateQueryFilter($"SubmittedAt ge {StartOfChinaDay(from)}"));
        if (filter.To is { } to) parts.Add(TableClient.CreateQueryFilter($"SubmittedAt lt {StartOfChinaDay(to.AddDays(1))}"));
        return string.Join(" and ", parts);
    }

    // The stuck list holds every stage, and titles are searched here: the table service has no "contains".
    private static bool Matches(WorkshopFilter filter, WorkshopSummary w) =>
        (!filter.StuckOnly || filter.Stage is null || w.Stage == filter.Stage)
        && (filter.Text is null || w.Title.Contains(filter.Text, StringComparison.OrdinalIgnoreCase));

    private static DateTimeOffset StartOfChinaDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, ChinaTime.Zone.GetUtcOffset(midnight));
    }
}
