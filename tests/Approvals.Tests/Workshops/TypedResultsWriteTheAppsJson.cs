using System.Text.Json;
using Approvals.Status;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Approvals.Tests.Workshops;

public sealed class TypedResultsWriteTheAppsJson
{
    [Fact]
    public void TheHostsJsonOptionsWriteAStatusByteForByteAsTheAppsOwnDo()
    {
        using var services = new ServiceCollection().AddApprovals(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var http = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var status = new WorkshopStatus("ws-20270301-ab12", "Migration Law <Part 1> & 'Standards' — 国际移民法", Stage.InternalReview, 1, "Running", at, at,
            [new PendingView("ProjectManager", "project.manager@iom.example.org", at, false)],
            new NominationCounts(1, new Dictionary<string, int> { ["MOFCOM"] = 1 }, new Dictionary<string, int> { ["female"] = 1 }),
            [new HistoryLine(at, Stage.InternalReview, AuditActions.Submitted, "staff", "备注")]);

        Assert.Equal(JsonSerializer.Serialize(status, Json.Options), JsonSerializer.Serialize(status, http));
    }
}
