using System.Text.Json;
using Approvals.Contacts;
using Approvals.Http;
using Approvals.Nominations;
using Approvals.Proposals;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Approvals.Tests;

/// <summary>Test data: the reference workshop (samples/proposal.json) and directory (samples/directory.json).</summary>
public static class Builders
{
    public static readonly DateOnly Today = new(2026, 11, 29);

    public static string SampleJson(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", name));

    public static ProjectDirectory Directory() => Json.Deserialize<ProjectDirectory>(SampleJson("directory.json"));

    public static Proposal Proposal()
    {
        using var doc = JsonDocument.Parse(SampleJson("proposal.json"));
        var reading = ProposalReader.Read(doc.RootElement, Directory(), Today);
        return reading.Proposal ?? throw new InvalidOperationException(string.Join("; ", reading.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    public static Timing Slow() => new()
    {
        ReviewTimeout = TimeSpan.FromDays(5),
        NominationWindow = TimeSpan.FromDays(14),
        DonorTimeout = TimeSpan.FromDays(7),
        ReminderInterval = TimeSpan.FromDays(2),
        EscalationGrace = TimeSpan.FromDays(3),
    };

    /// <summary>A full slate for <paramref name="ministry"/>: <paramref name="count"/> nominees with unique emails.</summary>
    public static Slate Slate(string ministry, int count, string? emailPrefix = null) => new(
        ministry,
        Enumerable.Range(1, count).Select(i => new Nominee(
            $"Official {i} of {ministry}", null, "Division Director", i % 2 == 0 ? Sex.Male : Sex.Female,
            $"{emailPrefix ?? ministry.ToLowerInvariant()}.{i}@gov.example.cn")).ToList(),
        Declined: false,
        $"focal.{ministry.ToLowerInvariant()}@gov.example.cn",
        DateTimeOffset.UtcNow);

    public static Slate Decline(string ministry) => new(ministry, [], true, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn", DateTimeOffset.UtcNow);

    /// <summary>The renderer pages and mails go through, with no services of the app behind it.</summary>
    public static PageRenderer Pages() => new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
}
