using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Participants;
using Approvals.Workflow;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Approvals.IntegrationTests.Pages;

/// <summary>Staff on a phone (390×844, Debian's chromium) record who came from the workshop's dashboard page.</summary>
[Collection(SharedServer.Browsers)]
public sealed class AttendanceOnAPhoneTests(AppServer server, Chromium chromium, ITestOutputHelper output) : IClassFixture<Chromium>
{
    [Fact]
    public async Task StaffTickWhoCameOnAPhoneAndTheWorkshopIsHeld()
    {
        var (id, roster) = await HeldWorkshop.PublishedAndOverAsync(server, HeldWorkshop.PastDay());
        await using var context = await chromium.PhoneAsync(server.Process.BaseAddress, AppServer.ApiKey);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"api/dashboard/workshops/{id}");
        await page.GetByText("Record attendance / 记录出席情况").ClickAsync();
        await FitsAPhoneAsync(page, "attendance");

        await page.Locator($"input[type=checkbox][value='{roster[0].Id}']").CheckAsync();
        await page.Locator($"input[type=checkbox][value='{roster[1].Id}']").CheckAsync();
        await page.Locator("#recordedBy").FillAsync("Chen Jing");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.GetByText("2 of 3 invited participants attended.").WaitForAsync();
        await FitsAPhoneAsync(page, "attendance-recorded");
        Assert.True(await page.Locator($"input[type=checkbox][value='{roster[1].Id}']").IsCheckedAsync());
        Assert.False(await page.Locator($"input[type=checkbox][value='{roster[2].Id}']").IsCheckedAsync());

        var status = await server.StatusAsync(id);
        Assert.Equal((Stage.Held, 2), (status.Stage, status.Attendance!.Total));
        await page.GotoAsync($"api/dashboard/workshops/{id}");
        Assert.Contains("Held / 已举办", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await FitsAPhoneAsync(page, "workshop-held");
    }

    private async Task FitsAPhoneAsync(IPage page, string name)
    {
        var path = await Chromium.ScreenshotAsync(page, name);
        output.WriteLine($"{name}: {path}");
        Assert.True(await Chromium.SidewaysOverflowAsync(page) <= 0, $"{name} ({page.Url}) is wider than a 390 px phone; see {path}");
        Assert.True((await Chromium.ClippedBoxesAsync(page)) is [], $"{name} ({page.Url}) cuts off at the side: {string.Join(", ", await Chromium.ClippedBoxesAsync(page))}; see {path}");
    }
}
