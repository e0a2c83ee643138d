using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

[Collection(SharedServer.Links)]
public sealed class ReceiptTests(AppServer server)
{
    private const string Manager = "project.manager@iom.example.org";

    private async Task<HttpResponseMessage> PostAs(string path, string browser, params (string Key, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", browser);
        return await server.Http.SendAsync(request);
    }

    private async Task<List<MailboxMessage>> Receipts(string id, string to) =>
        (await server.MailsAsync(id)).Where(m => m.Kind == NotificationKind.Receipt && m.To == to).ToList();

    private Task<List<MailboxMessage>> WaitForReceipt(string id, string to) =>
        Eventually.Until(() => Receipts(id, to), found => found.Count > 0, TimeSpan.FromSeconds(30),
            _ => $"No receipt for {to} on {id}.{Environment.NewLine}{server.Process.Output()}", TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task ADecisionThroughThePageSendsOneReceiptAndTheSameClickAgainNoSecond()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var path = $"api/decisions/{AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, Manager)}";
        var browser = $"ReceiptCheck/1.0 (X11; Linux x86_64) {Guid.NewGuid():N}";
        (string, string)[] fields = [("decision", "changes"), ("comment", "Please add a session on return and reintegration.")];

        var first = await PostAs(path, browser, fields);
        var receipt = Assert.Single(await WaitForReceipt(id, Manager));
        var second = await PostAs(path, browser, fields);
        await server.WaitForStageAsync(id, Stage.ChangesRequested);
        await Task.Delay(3000);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("already recorded", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await Receipts(id, Manager));
        foreach (var expected in new[]
        {
            "Changes requested", "要求修改", "Please add a session on return and reintegration.", "127.0.0.1", browser,
            "China Standard Time (UTC+8)", "北京时间", "If this was not you", "liaison.office@iom.example.org",
        })
        {
            Assert.Contains(expected, receipt.Text, StringComparison.Ordinal);
        }

        Assert.Null(receipt.Link);
    }

    [Fact]
    public async Task ASlateOrADeclineThroughTheLinkSendsItsSenderAReceipt()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, Manager, Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await server.WaitForStageAsync(id, Stage.Nominations);
        string Link(string ministry, string to) => $"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, to)}";
        var browser = $"ReceiptCheck/2.0 {Guid.NewGuid():N}";

        var sent = await PostAs(Link("MOFCOM", "focal.mofcom@gov.example.cn"), browser,
            ("nominees[0].name", "Wang Fang"), ("nominees[0].position", "Deputy Director"), ("nominees[0].sex", "female"),
            ("nominees[0].email", "wang.fang@mofcom.example.cn"));
        var declined = await PostAs(Link("MOE", "focal.moe@gov.example.cn"), browser, ("decline", "true"), ("confirmDecline", "yes"));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (sent.StatusCode, declined.StatusCode));
        var slate = Assert.Single(await WaitForReceipt(id, "focal.mofcom@gov.example.cn"));
        var decline = Assert.Single(await WaitForReceipt(id, "focal.moe@gov.example.cn"));
        Assert.Contains("1 nominee(s) sent for", slate.Text, StringComparison.Ordinal);
        Assert.Contains(browser, slate.Text, StringComparison.Ordinal);
        Assert.Contains("will not nominate participants", decline.Text, StringComparison.Ordinal);
        Assert.Contains("project.officer@iom.example.org", decline.Text, StringComparison.Ordinal);
    }
}
