using System.Globalization;
using Approvals.Workflow;
using CsvHelper;

namespace Approvals.Audit;

/// <summary>Writes audit lines as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese comments
/// in the local code page), one header row, times in UTC ISO 8601.</summary>
public static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string[] Header =
        ["Workshop", "Who", "When (UTC)", "Stage", "Action", "Comment", "Channel", "Token id", "Client IP", "User agent", "Forwarded for"];

    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        // Comments come from people outside the organisation: a leading '=' must stay text, not become a formula.
        Injection = CsvInjection.Escape,
    };

    /// <summary>Streams the lines as they are read; every write is asynchronous, as a response body requires.</summary>
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<(string WorkshopId, AuditEntry Entry)> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, cancellationToken);
        await foreach (var (workshopId, entry) in lines.WithCancellation(cancellationToken))
        {
            await csv.WriteRecordAsync(Fields(workshopId, entry), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string?[] Fields(string workshopId, AuditEntry e) =>
        [workshopId, e.Actor, When(e.At), e.Stage.ToString(), e.Action, e.Comment, e.Channel, e.TokenId, e.ClientIp, e.UserAgent, e.ForwardedFor];
}
