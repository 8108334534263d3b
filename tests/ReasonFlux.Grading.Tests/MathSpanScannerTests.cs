using System.Text;
using System.Text.RegularExpressions;

namespace ReasonFlux.Grading.Tests;

public sealed partial class MathSpanScannerTests
{
    // The pattern the scanner replaces: the scanner must find the same last span on any text. An escaped dollar
    // inside "$…$" does not close it ("$\frac12 \$ = 3$").
    [GeneratedRegex(@"\$\$(?<a>[\s\S]+?)\$\$|(?<!\\)\$(?<b>(?:[^$]|(?<=\\)\$)+?)(?<!\\)\$|\\\[(?<c>[\s\S]+?)\\\]|\\\((?<d>[\s\S]+?)\\\)")]
    private static partial Regex MathSpan();

    private static (string, int)? ByPattern(string text)
    {
        (string, int)? last = null;
        foreach (Match m in MathSpan().Matches(text))
        {
            var content = m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value
                : m.Groups["c"].Success ? m.Groups["c"].Value : m.Groups["d"].Value;
            last = (content, m.Index + m.Length);
        }
        return last;
    }

    [Theory]
    [InlineData("so $x = 1$ and $$y=2$$ then \\[z\\] and \\(w\\).", "w")]
    [InlineData("cost \\$5 and $a$", "a")]
    [InlineData("$$ unclosed $x$", " unclosed ")]
    [InlineData("\\[ a \\] \\( b", " a ")]
    [InlineData("$\\$$ and $y\\$", "\\$")]
    [InlineData("Answer $ \\frac{1}{2} \\$ = \\frac{10}{9} $", " \\frac{1}{2} \\$ = \\frac{10}{9} ")]
    public void Finds_the_last_span_as_the_pattern_does(string text, string expected)
    {
        Assert.Equal(ByPattern(text), MathSpanScanner.Last(text));
        Assert.Equal(expected, MathSpanScanner.Last(text)?.Content);
    }

    [Fact]
    public void Agrees_with_the_pattern_on_20000_random_texts()
    {
        string[] pieces = ["$", "$$", "\\", "\\[", "\\]", "\\(", "\\)", "x", " ", "1", "\n", "{", "}", "ab"];
        var random = new Random(7);
        for (var n = 0; n < 20_000; n++)
        {
            var sb = new StringBuilder();
            for (var k = random.Next(0, 14); k > 0; k--) sb.Append(pieces[random.Next(pieces.Length)]);
            var text = sb.ToString();
            Assert.True(ByPattern(text) == MathSpanScanner.Last(text), $"text: {text}");
        }
    }

    [Fact]
    public void Many_unclosed_openers_scan_in_linear_work()
    {
        // Quadratic for the pattern: every "\[" searches to the end for a "\]" that is not there.
        var text = string.Concat(Enumerable.Repeat("\\[ x ", 50_000)) + "$y$";
        Assert.Equal("y", MathSpanScanner.Last(text)?.Content);
    }
}
