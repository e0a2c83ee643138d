using System.Text.Json;
using System.Text.Json.Nodes;
using Approvals.Contacts;

namespace Approvals.Tests.Contacts;

public sealed class DirectoryReaderTests
{
    private static JsonObject Sample() => JsonNode.Parse(File.ReadAllText(Path.Combine(Root(), "samples", "directory.json")))!.AsObject();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "samples", "directory.json"))) return dir.FullName;
        }

        throw new InvalidOperationException("samples/directory.json not found");
    }

    private static (ProjectDirectory? Directory, IReadOnlyDictionary<string, string[]> Errors) Read(JsonNode node) =>
        DirectoryReader.Read(JsonDocument.Parse(node.ToJsonString()).RootElement);

    [Fact]
    public void TheSampleDirectoryIsValid()
    {
        var (directory, errors) = Read(Sample());

        Assert.Empty(errors);
        Assert.Equal(8, directory!.Ministries.Count);
        Assert.Equal("外交部", directory.Find("mfa")!.NameZh);
    }

    [Fact]
    public void EachWrongFieldIsNamedWithTheReason()
    {
        var doc = Sample();
        doc["donorApprovers"] = new JsonArray();
        doc["escalation"] = new JsonArray("liaison.office@iom.example.org", "LIAISON.office@iom.example.org");
        doc["ministries"]![1]!["code"] = "mfa";
        doc["ministries"]![2]!["nameEn"] = " ";
        doc["ministries"]![3]!["nameZh"] = "Ministry of Human Resources";
        doc["ministries"]![4]!["focalPoints"] = new JsonArray("focal at mca");
        doc["ministries"]![5]!["code"] = "MO/E";

        var (directory, errors) = Read(doc);

        Assert.Null(directory);
        Assert.Equal(
            ["donorApprovers", "escalation[1]", "ministries[1].code", "ministries[2].nameEn", "ministries[3].nameZh", "ministries[4].focalPoints[0]", "ministries[5].code"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("listed twice", errors["escalation[1]"][0], StringComparison.Ordinal);
        Assert.Contains("ministries[0]", errors["ministries[1].code"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheHistoryLineSaysWhatWasAddedRemovedAndRenamed()
    {
        var before = Read(Sample()).Directory!;
        var after = before with
        {
            ProjectManagers = ["deputy.manager@iom.example.org"],
            Ministries = [.. before.Ministries.Where(m => m.Code != "NHFPC").Select(m => m.Code == "MFA" ? m with { NameEn = "Foreign Ministry" } : m),
                new Ministry("NHC", "National Health Commission", "国家卫生健康委员会", ["focal.nhc@gov.example.cn"])],
        };

        var summary = DirectoryDiff.Summarize(before, after);

        Assert.Contains("projectManagers +deputy.manager@iom.example.org −project.manager@iom.example.org", summary, StringComparison.Ordinal);
        Assert.Contains("ministry +NHC (National Health Commission, focal points focal.nhc@gov.example.cn)", summary, StringComparison.Ordinal);
        Assert.Contains("ministry −NHFPC", summary, StringComparison.Ordinal);
        Assert.Contains("MFA nameEn “Ministry of Foreign Affairs” → “Foreign Ministry”", summary, StringComparison.Ordinal);
        Assert.Equal("no change", DirectoryDiff.Summarize(before, before));
    }
}
