using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Approvals.Storage;

/// <summary>The keys every stored row carries. Rows are classes with setters because the table SDK binds them through
/// a parameterless constructor; each store maps its rows to and from domain records.</summary>
internal abstract class TableRow : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
}

/// <summary>Keys that list newest first: tables and blob listings sort ascending only, so a time is counted back from
/// the end of time, zero-padded to sort as text.</summary>
internal static class ReverseTime
{
    public static string Key(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}");

    /// <summary>The reverse-time key made unique by an id.</summary>
    public static string Key(DateTimeOffset at, string id) => $"{Key(at)}-{id}";
}
