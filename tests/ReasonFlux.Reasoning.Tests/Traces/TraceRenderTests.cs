using System.Text.RegularExpressions;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Tests.Traces;

public sealed class TraceRenderTests(SolvedTraceFixture fixture) : IClassFixture<SolvedTraceFixture>
{
    [Fact]
    public void Html_shows_the_answer_in_the_answer_box_and_a_missing_one_in_the_neutral_box()
    {
        Assert.Contains($"<div class=\"answer\" id=\"answer\">{fixture.Trace.Answer}</div>", TraceHtml.Render(fixture.Trace), StringComparison.Ordinal);
        var none = TraceHtml.Render(fixture.Trace with { Answer = null });
        Assert.Contains("<div class=\"answer none\" id=\"answer\">(no answer)</div>", none, StringComparison.Ordinal);
        Assert.DoesNotContain("<div class=\"answer\" id=\"answer\">", none, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_shows_every_step_goal_in_order()
    {
        var html = TraceHtml.Render(fixture.Trace);
        var goals = fixture.Trace.Samples[0].Steps.Select(s => s.Goal).ToList();
        Assert.Equal(["Write down the recurrence and its order", "Bound x", "Add y"], goals);
        var positions = goals.Select(g => html.IndexOf("</b> " + g, StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Html_shows_the_retrieved_template_with_its_score()
    {
        var html = TraceHtml.Render(fixture.Trace);
        var hit = fixture.Trace.Samples[0].Retrievals[0].Hits[0];
        Assert.Contains($"<b>{hit.Name} ({hit.Score:0.000})", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_puts_each_model_call_in_a_collapsible_block()
    {
        var html = TraceHtml.Render(fixture.Trace);
        Assert.Equal(fixture.Trace.Samples[0].Calls.Count, Regex.Count(html, "<details class=\"call\">"));
    }

    [Fact]
    public void Html_escapes_problem_text_and_is_self_contained()
    {
        var html = TraceHtml.Render(fixture.Trace);
        Assert.Contains("If x &lt; 3 and &lt;b&gt;y&lt;/b&gt; = 2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>y</b>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=", html);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_lists_the_trajectory_versions_steps_and_review_decisions()
    {
        var tree = TraceTree.Render(fixture.Trace);
        Assert.Contains("trajectory v1 (plan): Sequences / Recurrences / Linear Recurrence Method", tree, StringComparison.Ordinal);
        Assert.Contains("trajectory v3 (revised after step 1)", tree, StringComparison.Ordinal);
        Assert.Contains("review: revise 5/10 — change course", tree, StringComparison.Ordinal);
        Assert.Contains("step 3 [", tree, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_cuts_long_text_to_the_width()
    {
        var tree = TraceTree.Render(fixture.Trace, width: 30);
        Assert.All(tree.Split('\n'), line => Assert.True(line.Length < 200, line));
    }
}
