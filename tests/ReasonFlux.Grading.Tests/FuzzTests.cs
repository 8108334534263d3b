using System.Text;

namespace ReasonFlux.Grading.Tests;

/// <summary>100,000 random and mutated LaTeX strings: no exception escapes, no internal error, bounded inputs stay bounded.</summary>
public sealed class FuzzTests
{
    private static readonly string[] Seeds =
    [
        "\\frac{1}{2}", "\\sqrt[3]{-8}", "x^2+2x+1", "(0,1]\\cup[2,\\infty)", "\\{1,2,3\\}", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}",
        "10^{10^{10}}", "1000!", "\\boxed{4 4/9}", "x = \\pm\\sqrt{2}", "\\text{Monday}", "50\\%", "90^\\circ", "\\log_2 8",
        "-2 \\le x < 7", "\\sin^2 x + \\cos^2 x", "e^{i\\pi}", "a_{37} = 19", "3.14e-2", "\\frac12\\pi", "|x-1|", "12:00",
    ];

    private static readonly string[] Pieces =
    [
        "\\frac", "\\sqrt", "{", "}", "(", ")", "[", "]", "\\{", "\\}", "^", "_", "\\left(", "\\right)", "\\pm", "\\cup", "=",
        "<", "\\le", ",", "&", "\\\\", "\\begin{pmatrix}", "\\end{pmatrix}", "\\text{", "$", "\\boxed{", "%", "!", "9", "0",
        ".", "/", "x", "e", "\\infty", "\\pi", "-", "+", "|", " ", "\\", "\\dots", "10^{", "999999999", "\\sin", "\\log_",
    ];

    [Fact]
    public void No_exception_escapes_for_100000_random_and_mutated_strings()
    {
        var random = new Random(20260601);
        var failures = new List<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var text = i % 2 == 0 ? Mutate(Seeds[random.Next(Seeds.Length)], random) : RandomString(random);
            var other = Seeds[random.Next(Seeds.Length)];
            Verdict v;
            try
            {
                v = i % 4 < 2 ? Grader.Equivalent(other, text) : Grader.Grade(other, text);
            }
            catch (Exception ex)
            {
                failures.Add($"{text} -> {ex.GetType().Name}: {ex.Message}");
                continue;
            }
            if (v.Reason.StartsWith("internal error", StringComparison.Ordinal)) failures.Add($"{text} -> {v.Reason}");
            if (failures.Count > 20) break;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData("10^{10^{10}}", "10^{10^{10}}+1")]
    [InlineData("100000!", "100001!")]
    [InlineData("2^{2^{2^{2^{2^{2}}}}}", "3")]
    public void Huge_values_end_in_a_verdict_that_says_so(string a, string b)
    {
        var v = Grader.Equivalent(a, b);
        Assert.False(v.Equivalent);
        Assert.Contains("over bound", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_not_overflowed()
    {
        var deep = new string('(', 5000) + "1" + new string(')', 5000);
        var v = Grader.Equivalent(deep, "1");
        Assert.False(v.Equivalent);
        Assert.DoesNotContain("internal error", v.Reason, StringComparison.Ordinal);
    }

    private static string Mutate(string seed, Random random)
    {
        var sb = new StringBuilder(seed);
        var edits = random.Next(1, 5);
        for (var k = 0; k < edits; k++)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(3))
            {
                case 0: sb.Insert(at, Pieces[random.Next(Pieces.Length)]); break;
                case 1 when sb.Length > 0: sb.Remove(Math.Min(at, sb.Length - 1), 1); break;
                default: sb.Insert(at, (char)random.Next(32, 127)); break;
            }
        }
        return sb.ToString();
    }

    private static string RandomString(Random random)
    {
        var sb = new StringBuilder();
        var n = random.Next(1, 12);
        for (var k = 0; k < n; k++) sb.Append(Pieces[random.Next(Pieces.Length)]);
        return sb.ToString();
    }
}
