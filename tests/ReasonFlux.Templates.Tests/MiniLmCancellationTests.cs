namespace ReasonFlux.Templates.Tests;

public sealed class MiniLmCancellationTests(OfficialIndexFixture fixture)
{
    // Long enough that one batch of them keeps the encoder busy well past the cancellation.
    private static readonly string LongProblem = string.Join(' ', Enumerable.Repeat("Let a_n be a sequence with a_1 = 1 and a_{n+1} = 2a_n + 3 for every positive integer n; find a closed form for the general term.", 12));

    [Fact]
    public async Task Cancelling_a_running_embedding_throws_OperationCanceledException()
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(20));
        var texts = Enumerable.Range(0, 32).Select(i => $"{i}: {LongProblem}").ToArray();
        var ex = await Record.ExceptionAsync(() => Embedders.MiniLm().GenerateAsync(texts, cancellationToken: cts.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }

    [Fact]
    public async Task Cancelled_flat_search_throws_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var ex = await Record.ExceptionAsync(() => fixture.Index.SearchAsync(LongProblem, 5, cts.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }
}
