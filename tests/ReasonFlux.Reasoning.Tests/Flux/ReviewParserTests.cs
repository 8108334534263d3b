using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Reasoning.Tests.Flux;

public sealed class ReviewParserTests
{
    [Fact]
    public void Reads_a_json_verdict()
    {
        Assert.Equal(new ReviewVerdict("revise", 6, "x", true), ReviewParser.Parse("<think>hm</think>{\"decision\": \"Revise\", \"score\": 6, \"reason\": \"x\"}"));
    }

    [Fact]
    public void Reads_decision_and_score_lines()
    {
        var verdict = ReviewParser.Parse("The step is wrong.\nDecision: REDO\nScore: 3/10");
        Assert.Equal(("redo", 3.0), (verdict.Decision, verdict.Score));
    }

    [Fact]
    public void Unreadable_review_continues_and_says_so()
    {
        var verdict = ReviewParser.Parse("Looks plausible but I might continue or redo.");
        Assert.Equal("continue", verdict.Decision);
        Assert.False(verdict.Parsed);
    }
}
