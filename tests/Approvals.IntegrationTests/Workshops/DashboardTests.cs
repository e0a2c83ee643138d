using System.Net;
using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Workshops;

[Collection(SharedServer.Workshops)]
public sealed class DashboardTests(AppServer server)
{
    [Fact]
    public async Task ManagersSeeEveryWorkshopWithItsStageAndDeadlineAndOnlyWithAKey()
    {
        var proposal = AppServer.ReferenceProposal();
        proposal["title"] = "Labour Migration <b>Statistics</b> Workshop";
        var (id, _) = await server.SubmitAsync(proposal);
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        using var anonymous = new HttpClient { BaseAddress = server.Process.BaseAddress };

        var page = await anonymous.GetStringAsync($"api/dashboard?code={AppServer.ApiKey}");
        var reviewOnly = await anonymous.GetStringAsync($"api/dashboard?stage=InternalReview&code={AppServer.ApiKey}");
        var publishedOnly = await anonymous.GetStringAsync($"api/dashboard?stage=Published&code={AppServer.ApiKey}");
        var withoutKey = await anonymous.GetAsync("api/dashboard");

        Assert.Contains("Labour Migration &lt;b&gt;Statistics&lt;/b&gt; Workshop", page, StringComparison.Ordinal);
        Assert.Contains($"/api/workshops/{id}?code={AppServer.ApiKey}", page, StringComparison.Ordinal);
        Assert.Contains(id, reviewOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(id, publishedOnly, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Theory]
    [InlineData("stage=Nowhere", "stage", "Unknown stage")]
    [InlineData("overdue=yes", "overdue", "Must be true or false.")]
    [InlineData("continuationToken=garbage", "continuationToken", "Is not a token this list returned.")]
    public async Task AWrongFilterIsRefusedNamingTheParameterAndWhy(string query, string parameter, string reason)
    {
        using var anonymous = new HttpClient { BaseAddress = server.Process.BaseAddress };

        var page = await anonymous.GetAsync($"api/dashboard?{query}&code={AppServer.ApiKey}");
        var list = await server.Http.GetAsync($"api/workshops?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains($"'{parameter}'", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Contains($"查询参数“{parameter}”", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.True(AppServer.Problem(await list.Content.ReadAsStringAsync()).GetProperty("errors").TryGetProperty(parameter, out _));
    }
}
