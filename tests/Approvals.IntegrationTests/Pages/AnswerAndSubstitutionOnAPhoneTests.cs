using Approvals.IntegrationTests.Events;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Notifications;
using Approvals.Participants;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Pages;

/// <summary>On a phone (390×844, Debian's chromium): a participant says she cannot come from her confirmation's link,
/// and her focal point replaces her from the link in the notice, both by typing and clicking.</summary>
[Collection(SharedServer.Browsers)]
public sealed class AnswerAndSubstitutionOnAPhoneTests(AppServer server, Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    [Fact]
    public async Task AParticipantDeclinesAndHerFocalPointReplacesHerOnAPhone()
    {
        var (id, participants) = await PublishedWorkshop.PublishAsync(server);
        var zhaoMin = participants[1];
        var confirmation = (await PublishedWorkshop.WaitForMails(server, id, NotificationKind.ParticipantConfirmation, 3)).Single(m => m.To == zhaoMin);
        await using var context = await chromium.PhoneAsync(server.Process.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(confirmation.Link!).PathAndQuery);
        await FitsAPhoneAsync(page, "answer");
        await page.Locator("input[name=answer][value=declined]").CheckAsync();
        await page.Locator("#reason").FillAsync("出差 — on mission abroad");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.GetByText("focal point has been told", new() { Exact = false }).WaitForAsync();
        await FitsAPhoneAsync(page, "answer-recorded");

        var notice = (await PublishedWorkshop.WaitForMails(server, id, NotificationKind.ParticipantDeclined, 1)).Single();
        await page.GotoAsync(new Uri(notice.Link!).PathAndQuery);
        await FitsAPhoneAsync(page, "substitution");
        var form = page.Locator($"form:has(input[name=participant][value='{Participant.IdOf(id, zhaoMin)}'])");
        await form.Locator("input[name=action][value=replace]").CheckAsync();
        await form.Locator("input[name=name]").FillAsync("Wang Fang");
        await form.Locator("input[name=nameZh]").FillAsync("王芳");
        await form.Locator("input[name=position]").FillAsync("Deputy Director");
        await form.Locator("input[name=email]").FillAsync($"wang.fang.{id}@safea.example.cn");
        await form.Locator("button[type=submit]").ClickAsync();
        await page.GetByText("Wang Fang is on the list", new() { Exact = false }).WaitForAsync();
        await FitsAPhoneAsync(page, "substitution-done");

        var counts = (await server.StatusAsync(id)).Participants!.ByMinistry["SAFEA"];
        Assert.Equal((2, 0, 0, 2), (counts.Invited, counts.Confirmed, counts.Declined, counts.NoAnswer));
    }

    private async Task FitsAPhoneAsync(IPage page, string name)
    {
        var path = await Chromium.ScreenshotAsync(page, name);
        output.WriteLine($"{name}: {path}");
        Assert.True(await Chromium.SidewaysOverflowAsync(page) <= 0, $"{name} ({page.Url}) is wider than a 390 px phone; see {path}");
        Assert.True((await Chromium.ClippedBoxesAsync(page)) is [], $"{name} ({page.Url}) cuts off at the side: {string.Join(", ", await Chromium.ClippedBoxesAsync(page))}; see {path}");
    }
}
