namespace ReasonFlux.Reasoning.Tests;

public sealed class PromptTemplatesTests
{
    [Fact]
    public void Fill_substitutes_once_so_a_value_holding_a_placeholder_is_kept_as_written()
    {
        var filled = PromptTemplates.Fill("Problem: {problem}\nMethod: {method}", ("problem", "Show {method} fails for {x}."), ("method", "induction"));

        Assert.Equal("Problem: Show {method} fails for {x}.\nMethod: induction", filled);
    }

    [Fact]
    public void Fill_leaves_braces_that_name_no_given_key()
    {
        Assert.Equal("{\"a\": 1} \\frac{1}{2} done", PromptTemplates.Fill("{\"a\": 1} \\frac{1}{2} {state}", ("state", "done")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no braces at all")]
    [InlineData("{problem}")]
    [InlineData("{{problem}}")]
    [InlineData("{problem}{method}{problem}")]
    [InlineData("{ problem} {Problem} {pro-blem} {} {problem")]
    [InlineData("x {unknown_key} y {problem}} {{method}")]
    [InlineData("\\frac{1}{2} {a_b} {method}")]
    public void Fill_replaces_exactly_the_braced_lowercase_names_it_is_given(string template)
    {
        (string, string)[] values = [("problem", "P{method}"), ("method", "M"), ("a_b", "AB")];
        // The rule, stated as a regex: {name} with name in [a-z_]+, replaced when given, in one pass.
        var expected = System.Text.RegularExpressions.Regex.Replace(template, @"\{([a-z_]+)\}",
            m => values.FirstOrDefault(v => v.Item1 == m.Groups[1].Value) is { Item1: not null } hit ? hit.Item2 : m.Value);

        Assert.Equal(expected, PromptTemplates.Fill(template, values));
    }
}
