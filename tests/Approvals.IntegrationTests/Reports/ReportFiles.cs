using Approvals.IntegrationTests.Audit;
using MiniExcelLibs;

namespace Approvals.IntegrationTests.Reports;

/// <summary>A downloaded report as a spreadsheet reads it: each row by column name, as text.</summary>
internal static class ReportFiles
{
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> CsvAsync(HttpClient http, string path, string[] header)
    {
        var response = await http.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AuditCsvFile.Utf8Bom, bytes[..3]);
        var file = await AuditCsvFile.ReadAsync(bytes);
        Assert.Equal(header, file.Header);
        return file.Rows;
    }

    /// <summary>Every sheet of the workbook, in order, its rows by the header row's names.</summary>
    public static async Task<IReadOnlyList<(string Sheet, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)>> XlsxAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return workbook.GetSheetNames().Select(sheet => (sheet, (IReadOnlyList<IReadOnlyDictionary<string, string>>)workbook
            .Query(useHeaderRow: true, sheetName: sheet)
            .Cast<IDictionary<string, object?>>()
            .Select(r => (IReadOnlyDictionary<string, string>)r.ToDictionary(c => c.Key, c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal))
            .ToList())).ToList();
    }
}
