using System.Text.Json;
using Approvals.Contacts;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Proposals;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Mail;

/// <summary>Test data for the mail tests: the reference workshop stored under a fresh id, and its notifications.</summary>
public static class MailTestData
{
    public static readonly DateOnly Today = new(2026, 11, 29);
    public static readonly Nominee Nominee = new("Li Wei", "李伟", "Division Director", Sex.Female, "li.wei@mfa.example.cn");

    public static ProjectDirectory Directory() =>
        Json.Deserialize<ProjectDirectory>(File.ReadAllText(RepositoryRoot.Combine("samples", "directory.json")));

    public static Proposal Proposal()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("samples", "proposal.json")));
        var reading = ProposalReader.Read(doc.RootElement, Directory(), Today);
        return reading.Proposal ?? throw new InvalidOperationException("samples/proposal.json does not read.");
    }

    /// <summary>Stores a workshop as the workflow would and returns its id.</summary>
    public static async Task<string> SeedWorkshopAsync(MailHost host, Proposal? proposal = null, Stage stage = Stage.InternalReview)
    {
        var p = proposal ?? Proposal();
        var id = $"ws-mail-{Guid.NewGuid():N}"[..24];
        var now = DateTimeOffset.UtcNow;
        await host.Get<WorkshopStore>().CreateAsync(new WorkshopRecord(id, p.Title, stage, 0, now, now, p, []));
        return id;
    }

    public static Notification Notification(
        string workshopId, NotificationKind kind, string to, Role role, Stage stage, string? ministry = null, Nominee? nominee = null) =>
        new(Guid.NewGuid().ToString("N"), kind, workshopId, to, role, stage, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(5), ministry, Nominee: nominee);

    /// <summary>A recipient address nobody else in the run uses, so mailbox queries see only this test's mail.</summary>
    public static string UniqueAddress(string name) => $"{name}.{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example.org";
}
