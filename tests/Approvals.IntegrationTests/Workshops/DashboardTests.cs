using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Approvals.IntegrationTests.Infrastructure;

namespace Approvals.IntegrationTests.Workshops;

[Collection(SharedServer.Workshops)]
public sealed partial class DashboardTests(AppServer server)
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
        Assert.Contains($"href=\"/api/dashboard/workshops/{id}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page, StringComparison.Ordinal);
        Assert.DoesNotContain(AppServer.ApiKey, page, StringComparison.Ordinal);
        Assert.Contains(id, reviewOnly, StringComparison.Ordinal);
        Assert.DoesNotContain(id, publishedOnly, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
    }

    [Fact]
    public async Task ABrowserGivesTheKeyByBasicAuthenticationAndEveryLinkOnThePageWorksWithoutIt()
    {
        var (id, _) = await server.SubmitAsync(AppServer.ReferenceProposal());
        using var browser = new HttpClient { BaseAddress = server.Process.BaseAddress };

        using var asked = await browser.GetAsync("api/dashboard");
        Assert.Equal(HttpStatusCode.Unauthorized, asked.StatusCode);
        Assert.Equal("Basic realm=\"Approvals staff\", charset=\"UTF-8\"", asked.Headers.WwwAuthenticate.ToString());
        Assert.Equal("text/html", asked.Content.Headers.ContentType?.MediaType);
        var askedText = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        Assert.Contains("enter any user name and the staff API key as the password", askedText, StringComparison.Ordinal);
        Assert.Contains("需要工作人员密钥", askedText, StringComparison.Ordinal);

        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"li.na:{AppServer.ApiKey}")));
        var page = await browser.GetStringAsync("api/dashboard");
        Assert.Contains(id, page, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", page, StringComparison.Ordinal);
        Assert.DoesNotContain(AppServer.ApiKey, page, StringComparison.Ordinal);

        var links = Href().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        Assert.Contains($"/api/dashboard/workshops/{id}", links);
        Assert.Contains("/api/dashboard?stage=Nominations", links);
        foreach (var link in links)
        {
            using var followed = await browser.GetAsync(link.TrimStart('/'));
            Assert.True(followed.StatusCode == HttpStatusCode.OK, $"{link}: {(int)followed.StatusCode}");
        }

        using var wrong = new HttpClient { BaseAddress = server.Process.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("li.na:guess-the-key")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("api/dashboard")).StatusCode);
        using var api = await wrong.GetAsync($"api/workshops/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("Basic realm=\"Approvals staff\", charset=\"UTF-8\"", api.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("stage=Nowhere", "stage", "Unknown stage")]
    [InlineData("overdue=yes", "overdue", "Must be true or false.")]
    [InlineData("continuationToken=garbage", "continuationToken", "Is not a token this list returned.")]
    [InlineData("stuck=maybe", "stuck", "Must be true or false.")]
    [InlineData("from=2026-13-01", "from", "Must be a date as yyyy-MM-dd.")]
    [InlineData("from=2026-05-01&to=2026-04-01", "to", "Is before 'from'.")]
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

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
