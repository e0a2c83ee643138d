using System.Net;
using System.Net.Http.Json;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Workshops;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Links;

[Collection(SharedServer.Links)]
public sealed class NominationLinkTests(AppServer server)
{
    private async Task<string> InNominations()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        await server.Process.DurableClient.RaiseEventAsync(id, WorkflowEvents.DecisionRecorded,
            new DecisionRecorded(Stage.InternalReview, 0, "project.manager@iom.example.org", Decision.Approve, null, null, DateTimeOffset.UtcNow));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)) is { Stage: Stage.Nominations, Pending.Count: 8 });
        return id;
    }

    private static string Link(string id, string ministry) =>
        $"api/nominations/{AppServer.Token(id, LinkPurpose.Nomination, Stage.Nominations, 0, ministry, $"focal.{ministry.ToLowerInvariant()}@gov.example.cn")}";

    private static FormUrlEncodedContent Form(params (string Name, string NameZh, string Position, string Sex, string Email)[] rows) =>
        new(rows.SelectMany((r, i) => new[]
        {
            KeyValuePair.Create($"nominees[{i}].name", r.Name),
            KeyValuePair.Create($"nominees[{i}].nameZh", r.NameZh),
            KeyValuePair.Create($"nominees[{i}].position", r.Position),
            KeyValuePair.Create($"nominees[{i}].sex", r.Sex),
            KeyValuePair.Create($"nominees[{i}].email", r.Email),
        }).Append(KeyValuePair.Create("nominees[9].name", string.Empty))); // an unused row of the form

    [Fact]
    public async Task TheFormShowsTheQuotaAndASlateSentAsABrowserWouldIsCounted()
    {
        var id = await InNominations();
        var form = await (await server.Http.GetAsync(Link(id, "MOFCOM"))).Content.ReadAsStringAsync();
        Assert.Contains("Up to <strong>5</strong>", form, StringComparison.Ordinal);
        Assert.Contains("商务部", form, StringComparison.Ordinal);
        Assert.Contains("name=\"nominees[4].email\"", form, StringComparison.Ordinal);

        var sent = await server.Http.PostAsync(Link(id, "MOFCOM"), Form(
            ("Wang Fang", "王芳", "Deputy Director", "female", "wang.fang@mofcom.example.cn"),
            ("Li Wei", "李伟", "Section Chief", "male", "li.wei@mofcom.example.cn")));

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.All(p => p.Party != "MOFCOM"));
        var status = await server.StatusAsync(id);
        Assert.Equal(2, status.Nominations.Total);
        Assert.Equal((1, 1), (status.Nominations.BySex["female"], status.Nominations.BySex["male"]));
        var prefilled = await (await server.Http.GetAsync(Link(id, "MOFCOM"))).Content.ReadAsStringAsync();
        Assert.Contains("value=\"wang.fang@mofcom.example.cn\"", prefilled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMinistryReplacesItsListTwiceAndOnlyTheLastOneIsKept()
    {
        var id = await InNominations();
        foreach (var (name, email) in new[] { ("Wang Fang", "wang.fang"), ("Li Wei", "li.wei"), ("Zhou Jie", "zhou.jie") })
        {
            var sent = await server.Http.PostAsync(Link(id, "MOFCOM"), Form(
                (name, string.Empty, "Deputy Director", "female", $"{email}@mofcom.example.cn"),
                ("Chen Bo", "陈波", "Section Chief", "male", $"chen.bo.{email}@mofcom.example.cn")));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            Assert.Contains("are kept", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var status = await server.StatusAsync(id);
        Assert.Null(status.Stuck);
        Assert.Equal(2, status.Nominations.Total);
        var form = await (await server.Http.GetAsync(Link(id, "MOFCOM"))).Content.ReadAsStringAsync();
        Assert.Contains("value=\"zhou.jie@mofcom.example.cn\"", form, StringComparison.Ordinal);
        Assert.DoesNotContain("wang.fang@mofcom.example.cn", form, StringComparison.Ordinal);
        Assert.DoesNotContain("li.wei@mofcom.example.cn", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverQuotaDuplicatesBadEmailsAndEmptyNamesComeBackWithMessagesAndNothingIsStored()
    {
        var id = await InNominations();
        await server.Http.PostAsync(Link(id, "MFA"), Form(("Tian Lin", "田林", "Counsellor", "male", "tian.lin@mfa.example.cn")));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Nominations.Total == 1);

        var duplicate = await server.Http.PostAsync(Link(id, "MOE"), Form(
            ("Tian Lin", "", "Adviser", "male", "tian.lin@mfa.example.cn"),
            ("", "", "Director", "female", "not-an-email")));
        var overQuota = await server.Http.PostAsync(Link(id, "MOE"), Form(Enumerable.Range(1, 6)
            .Select(i => ($"Official {i}", "", "Officer", "female", $"o{i}@moe.example.cn")).ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var page = await duplicate.Content.ReadAsStringAsync();
        Assert.Contains("tian.lin@mfa.example.cn is already nominated for this workshop.", page, StringComparison.Ordinal);
        Assert.Contains("Name is required.", page, StringComparison.Ordinal);
        Assert.Contains("A valid email address is required.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, overQuota.StatusCode);
        Assert.Contains("At most 5 nominees for MOE", await overQuota.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(1000);
        Assert.Equal(1, (await server.StatusAsync(id)).Nominations.Total);
    }

    [Fact]
    public async Task AMinistryCanSendItsSlateAsJsonOrDeclineAndTheWindowThenCloses()
    {
        var id = await InNominations();
        var json = await server.Http.PostAsJsonAsync(Link(id, "SAFEA"), new
        {
            nominees = new[] { new { name = "Zhao Min", nameZh = "赵敏", position = "Director", sex = "undisclosed", email = "zhao.min@safea.example.cn" } },
        });
        var badJson = await server.Http.PostAsJsonAsync(Link(id, "MCA"), new { nominees = new[] { new { name = "X", position = "Y", sex = "other", email = "x@mca.example.cn" } } });
        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        Assert.Contains("nominees[0].sex", await badJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var ministry in new[] { "MFA", "PFAO", "MOFCOM", "MOHRSS", "MCA", "MOE", "NHFPC" })
        {
            var declined = await server.Http.PostAsJsonAsync(Link(id, ministry), new { decline = true });
            Assert.Equal(HttpStatusCode.Accepted, declined.StatusCode);
        }

        var donor = await server.WaitForStageAsync(id, Stage.DonorSignOff);
        Assert.Equal(1, donor.Nominations.Total);
        var closed = await server.Http.PostAsync(Link(id, "MFA"), Form(("Late", "", "Late", "male", "late@mfa.example.cn")));
        Assert.Equal(HttpStatusCode.Gone, closed.StatusCode);
        Assert.Contains("Nominations are closed", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptInANomineeNameIsEncodedOnTheForm()
    {
        var id = await InNominations();
        await server.Http.PostAsync(Link(id, "MCA"), Form(("<script>alert(1)</script>", "", "Officer", "male", "s@mca.example.cn")));
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Nominations.Total == 1);

        var html = await (await server.Http.GetAsync(Link(id, "MCA"))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }
}
