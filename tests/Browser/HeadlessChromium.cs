using Microsoft.Playwright;

namespace ReasonFlux.Tests;

/// <summary>
/// Debian's Chromium (`apt-get install chromium`, done by .ci/run) driven headless through Playwright, for tests that
/// check a page we write really renders. Off CI a machine without Chromium skips these tests; on CI it fails them.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Starts the browser, or skips the test (fails it on CI) when none is installed.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable("REASONFLUX_CHROMIUM") is { Length: > 0 } set ? set : Candidates.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            const string why = "no Chromium found (install Debian's `chromium` or set REASONFLUX_CHROMIUM)";
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 }) Assert.Fail(why);
            Assert.Skip(why);
        }
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                // Root in a container has no user namespace for Chromium's sandbox.
                Args = ["--no-sandbox", "--disable-gpu"],
            });
            return new HeadlessChromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens a local HTML file at a desktop size and waits until it and its images have loaded.</summary>
    public async Task<IPage> OpenAsync(string htmlFile)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return page;
    }

    /// <summary>
    /// How many distinct colours a PNG screenshot holds. A blank or unstyled-white capture has one or two; rendered text
    /// with anti-aliasing has dozens. Counted by the browser itself, so the tests need no image library.
    /// </summary>
    public static async Task<int> DistinctColoursAsync(IPage page, byte[] png)
    {
        var dataUrl = "data:image/png;base64," + Convert.ToBase64String(png);
        return await page.EvaluateAsync<int>("""
            async (url) => {
              const img = new Image();
              img.src = url;
              await img.decode();
              const canvas = document.createElement('canvas');
              canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
              const ctx = canvas.getContext('2d');
              ctx.drawImage(img, 0, 0);
              const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              const seen = new Set();
              for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
              return seen.size;
            }
            """, dataUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
