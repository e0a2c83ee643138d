using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Approvals.Reports;

/// <summary>One table of a report: a sheet of the workbook, or one CSV file. Counts stay numbers, so a spreadsheet sums them.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<object?[]> Rows)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly CsvWriterOptions CsvOptions = new()
    {
        // As the audit export: Excel reads UTF-8 with a byte-order mark, and names from outside stay text, never formulas.
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    public async Task WriteCsvAsync(Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, CsvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(Header.ToArray(), cancellationToken);
        foreach (var row in Rows)
        {
            await csv.WriteRecordAsync(row.Select(Text).ToArray(), cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>A workbook with one sheet per table, in order.</summary>
    public static async Task<byte[]> XlsxAsync(IReadOnlyList<ReportTable> sheets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var sheet in sheets) workbook[sheet.Name] = sheet.Records();
        using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(workbook, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        return buffer.ToArray();
    }

    private List<Dictionary<string, object?>> Records() =>
        Rows.Select(row => Header.Select((h, i) => (h, row[i])).ToDictionary(c => c.h, c => c.Item2, StringComparer.Ordinal)).ToList();

    private static string? Text(object? value) => value switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };}
