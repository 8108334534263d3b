using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Reasoning.Tests.Direct;

public sealed class ThinkingSplitTests
{
    [Fact]
    public void Tagged_thinking_is_split_from_the_answer()
    {
        var (thinking, answer) = ThinkingSplit.Split("<think>\nlet x = 2\n</think>\n\nThe answer is \\boxed{2}.", startsInThinking: false);
        Assert.Equal("let x = 2", thinking);
        Assert.Equal("The answer is \\boxed{2}.", answer);
    }

    [Fact]
    public void Reply_that_starts_inside_thinking_is_split_at_the_close_tag()
    {
        var (thinking, answer) = ThinkingSplit.Split("hmm, 1+1\n</think>\n\\boxed{2}", startsInThinking: true);
        Assert.Equal("hmm, 1+1", thinking);
        Assert.Equal("\\boxed{2}", answer);
    }

    [Fact]
    public void Unclosed_thinking_is_all_thinking()
    {
        var (thinking, answer) = ThinkingSplit.Split("still thinking", startsInThinking: true);
        Assert.Equal("still thinking", thinking);
        Assert.Equal("", answer);
    }

    [Fact]
    public void Reply_without_thinking_is_all_answer()
    {
        var (thinking, answer) = ThinkingSplit.Split("The answer is 4.", startsInThinking: false);
        Assert.Equal("", thinking);
        Assert.Equal("The answer is 4.", answer);
    }
}
