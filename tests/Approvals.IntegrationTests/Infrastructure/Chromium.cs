using Microsoft.Playwright;

namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>One headless Debian chromium for the whole run, driven by Playwright (its driver and node come in the NuGet
/// package; its own browser download is never used). Pages open at a phone's size, 390×844, and every screenshot goes
/// to <see cref="ScreenshotFolder"/> under the test output.</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {ExecutablePath}: apt-get install -y chromium (.ci/run does this).");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        playwright = await Playwright.CreateAsync();

        // --no-sandbox: CI runs as root, where chromium refuses to start with its sandbox.
        Browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh phone-sized context (no cookies, no stored credentials), with a staff key for HTTP Basic when given.</summary>
    public Task<IBrowserContext> PhoneAsync(Uri baseAddress, string? basicPassword = null) =>
        Browser.NewContextAsync(new()
        {
            ViewportSize = Phone,
            BaseURL = baseAddress.ToString(),
            HttpCredentials = basicPassword is null ? null : new HttpCredentials { Username = "li.na", Password = basicPassword },
        });

    /// <summary>Saves the whole page and returns the file's path.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    /// <summary>How far the page is wider than the phone's screen (0: nothing to scroll sideways).</summary>
    public static async Task<int> SidewaysOverflowAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return widths[0] - widths[1];
    }

    /// <summary>The boxes that cut their content off at the side or scroll it inside themselves (a card that scrolls
    /// within the page hides its dates and e-mails just as well), named by tag and class; form fields scroll by nature.</summary>
    public static async Task<string[]> ClippedBoxesAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await page.EvaluateAsync<string[]>("""
            () => [...document.body.querySelectorAll('*')]
                .filter(e => !['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName))
                .filter(e => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
                .map(e => `${e.tagName.toLowerCase()}.${e.className} (${e.scrollWidth} > ${e.clientWidth})`)
            """);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}
