using Microsoft.Playwright;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Tests;

namespace ReasonFlux.Reasoning.Tests.Traces;

/// <summary>The HTML trace of a real flux solve, opened in headless Chromium: what a person sees, not just the markup.</summary>
public sealed class TraceHtmlInChromiumTests(SolvedTraceFixture fixture) : IClassFixture<SolvedTraceFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-trace-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(HeadlessChromium Browser, IPage Page)> OpenAsync()
    {
        var file = Path.Combine(_dir, "trace.html");
        await File.WriteAllTextAsync(file, TraceHtml.Render(fixture.Trace), TestContext.Current.CancellationToken);
        var browser = await HeadlessChromium.StartAsync();
        return (browser, await browser.OpenAsync(file));
    }

    [Fact]
    public async Task Screenshot_shows_every_step_with_its_goal_and_review()
    {
        var (browser, page) = await OpenAsync();
        await using var _ = browser;
        var steps = page.Locator("div.step");
        var expected = fixture.Trace.Samples[0].Steps;
        Assert.Equal(expected.Count, await steps.CountAsync());
        for (var i = 0; i < expected.Count; i++)
        {
            var step = steps.Nth(i);
            Assert.True(await step.IsVisibleAsync(), $"step {i + 1} is not visible");
            var box = await step.BoundingBoxAsync();
            Assert.True(box is { Width: > 200, Height: > 40 }, $"step {i + 1} renders as {box?.Width}x{box?.Height}");
            var text = await step.InnerTextAsync();
            Assert.Contains($"Step {expected[i].Index}", text, StringComparison.Ordinal);
            Assert.Contains(expected[i].Goal, text, StringComparison.Ordinal);

            var shot = await step.ScreenshotAsync();
            Assert.True(await HeadlessChromium.DistinctColoursAsync(page, shot) > 20, $"step {i + 1}'s screenshot has no rendered text");
        }
        Assert.Contains("revise", await page.Locator("div.step .review-revise").First.InnerTextAsync(), StringComparison.Ordinal);

        var full = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(_dir, "trace.png") });
        Assert.True(full.Length > 10_000, $"full-page screenshot is only {full.Length} bytes");
    }

    [Fact]
    public async Task Model_calls_are_folded_until_clicked()
    {
        var (browser, page) = await OpenAsync();
        await using var _ = browser;
        var call = page.Locator("details.call").First;
        var reply = call.Locator("pre").Last;
        Assert.False(await reply.IsVisibleAsync());
        await call.Locator("summary").ClickAsync();
        Assert.True(await reply.IsVisibleAsync());
        Assert.Equal(fixture.Trace.Samples[0].Calls[0].Reply.Trim(), (await reply.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task No_answer_is_shown_in_a_neutral_box_and_an_answer_in_the_green_one()
    {
        Assert.NotNull(fixture.Trace.Answer);
        var file = Path.Combine(_dir, "none.html");
        await File.WriteAllTextAsync(file, TraceHtml.Render(fixture.Trace with { Answer = null }), TestContext.Current.CancellationToken);
        var (browser, page) = await OpenAsync();
        await using var _ = browser;
        var answer = page.Locator("#answer");
        Assert.Equal(fixture.Trace.Answer, (await answer.InnerTextAsync()).Trim());
        Assert.Equal("rgb(234, 246, 234)", await answer.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        var none = (await browser.OpenAsync(file)).Locator("#answer");
        Assert.Equal("(no answer)", (await none.InnerTextAsync()).Trim());
        Assert.Equal("rgb(246, 246, 246)", await none.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }

    [Fact]
    public async Task Problem_text_is_shown_literally_not_as_markup()
    {
        var (browser, page) = await OpenAsync();
        await using var _ = browser;
        Assert.Equal(SolvedTraceFixture.Problem, (await page.Locator("div.problem").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("div.problem b").CountAsync());
    }
}
