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
}
