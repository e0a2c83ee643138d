using CsvHelper;

namespace Approvals.IntegrationTests.Audit;

/// <summary>An audit export as a spreadsheet would read it: the header and each row by column name.</summary>
public sealed record AuditCsvFile(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static async Task<AuditCsvFile> ReadAsync(byte[] bytes)
    {
        await using var reader = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { HasHeader = true, Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.Headers.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => reader.GetString(c.i), StringComparer.Ordinal));
        }

        return new AuditCsvFile(reader.Headers.ToList(), rows);
    }
}
