using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Reasoning.Tests.Direct;

public sealed class MajorityVoteTests
{
    private static SampleResult S(string? answer) => new("", "", "", answer, 0, default, false);

    [Fact]
    public void Most_frequent_answer_wins()
    {
        var samples = new[] { S("3"), S("5"), S("5"), S(null), S("3"), S("5") };
        Assert.Equal(1, MajorityVote.Winner(samples, string.Equals));
    }

    [Fact]
    public void Tie_goes_to_the_answer_seen_first()
    {
        Assert.Equal(0, MajorityVote.Winner([S("a"), S("b"), S("b"), S("a")], string.Equals));
    }

    [Fact]
    public void Equivalence_function_groups_answers()
    {
        var samples = new[] { S("2"), S("1/2"), S("0.5"), S("0.5") };
        Assert.Equal(1, MajorityVote.Winner(samples, (a, b) => a == b || (a is "1/2" or "0.5" && b is "1/2" or "0.5")));
    }

    [Fact]
    public void No_answers_at_all_picks_the_first_sample()
    {
        Assert.Equal(0, MajorityVote.Winner([S(null), S(null)], string.Equals));
    }
}
