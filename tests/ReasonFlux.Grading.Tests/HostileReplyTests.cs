using System.Text;

namespace ReasonFlux.Grading.Tests;

/// <summary>
/// Replies built to be expensive — deep or repeated boxes, unbalanced braces, lone surrogates, long runs of anchors,
/// spans and numbers — end in a verdict within a bounded amount of memory. Bounds are asserted on allocated bytes
/// (the wall-clock time of the same inputs is measured by the bench's hostile grading scenario, not here).
/// </summary>
public sealed class HostileReplyTests
{
    /// <summary>Bytes one grading may allocate: a few copies of the reply (the examined tail) plus a constant.</summary>
    private static long AllocationBound(string reply) => 24L * Math.Min(reply.Length, 200_000) * sizeof(char) + 16_000_000;

    private static (Verdict Verdict, long Allocated) GradeMeasured(string gold, string reply)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var verdict = Grader.Grade(gold, reply);
        return (verdict, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public static TheoryData<string, string> Shapes() => new()
    {
        { "nested boxes", string.Concat(Enumerable.Repeat("\\boxed{", 20_000)) },
        { "repeated boxes", string.Concat(Enumerable.Repeat("\\boxed{1}", 20_000)) },
        { "repeated boxes with and", string.Concat(Enumerable.Repeat("\\boxed{1} and ", 20_000)) },
        { "closing braces", new string('}', 100_000) + "\\boxed{2}" },
        { "opening braces", "\\boxed{" + new string('{', 100_000) },
        { "dollars", string.Concat(Enumerable.Repeat("$x", 50_000)) },
        { "escaped dollars", "$" + string.Concat(Enumerable.Repeat("\\$", 50_000)) },
        { "anchors", string.Concat(Enumerable.Repeat("The answer is ", 20_000)) },
        { "fractions", string.Concat(Enumerable.Repeat("1/", 60_000)) },
        { "lone surrogates", new string('\uD800', 50_000) + "\\boxed{3}" + new string('\uDC00', 50_000) },
        { "spans of brackets", string.Concat(Enumerable.Repeat("\\[ \\( ", 30_000)) },
        { "thin spaces", string.Concat(Enumerable.Repeat("1\\,", 60_000)) },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_hostile_reply_ends_in_a_verdict_within_the_allocation_bound(string shape, string reply)
    {
        var (verdict, allocated) = GradeMeasured("1", reply);
        Assert.DoesNotContain("internal error", verdict.Reason, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBound(reply), $"{shape}: {allocated:N0} bytes for {reply.Length:N0} characters");
    }

    [Fact]
    public void Twenty_thousand_nested_boxes_are_one_box()
    {
        var reply = string.Concat(Enumerable.Repeat("\\boxed{", 20_000)) + "7" + new string('}', 20_000);
        var verdict = Grader.Grade("7", reply);
        Assert.True(verdict.Equivalent, verdict.Reason + " | " + verdict.Predicted?.Text[..Math.Min(60, verdict.Predicted.Text.Length)]);
    }

    [Fact]
    public void Repeated_boxes_are_joined_at_most_sixteen_at_a_time()
    {
        var answer = AnswerExtractor.Extract(string.Concat(Enumerable.Repeat("\\boxed{1}", 20_000)))!;
        Assert.Equal(16, answer.Text.Split(", ").Length);
    }

    [Fact]
    public void Generated_hostile_replies_stay_within_the_work_and_allocation_bounds()
    {
        // Random mixtures of the pieces attackers use, at sizes up to 400,000 characters.
        string[] pieces = ["\\boxed{", "}", "{", "\\fbox{", "$", "$$", "\\[", "\\]", "\\(", "\\)", "\\$", "\uD800", "\uDC00",
            "The final answer is ", "Answer: ", "#### ", "答案：", "1/3", ",\\!", "\\,", "\\text{", "^{", "_{", "10", " and ", "\n\n"];
        var random = new Random(4242);
        var failures = new List<string>();
        for (var n = 0; n < 40; n++)
        {
            var sb = new StringBuilder();
            var target = random.Next(1_000, 400_000);
            var run = pieces[random.Next(pieces.Length)];
            while (sb.Length < target)
            {
                // Long runs of one piece are the expensive shapes; switch pieces now and then.
                if (random.Next(50) == 0) run = pieces[random.Next(pieces.Length)];
                sb.Append(random.Next(4) == 0 ? pieces[random.Next(pieces.Length)] : run);
            }
            var reply = sb.ToString();
            var (verdict, allocated) = GradeMeasured("10", reply);
            if (verdict.Reason.StartsWith("internal error", StringComparison.Ordinal)) failures.Add($"#{n}: {verdict.Reason}");
            if (allocated >= AllocationBound(reply)) failures.Add($"#{n}: {allocated:N0} bytes for {reply.Length:N0} characters");
            // A small work bound is always honoured: the grading stops as soon as it is spent.
            var bounded = Grader.Grade("10", reply, AnswerKind.Auto, new GradingOptions { MaxWork = 2_000 });
            if (!bounded.Reason.StartsWith("over bound", StringComparison.Ordinal) && reply.Length > 32 * 2_000)
                failures.Add($"#{n}: {reply.Length:N0} characters graded within 2,000 work units ({bounded.Reason})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void A_five_megabyte_reply_is_cut_to_its_examined_tail()
    {
        var reply = new string('x', 5_000_000) + " so \\boxed{12}";
        var (verdict, allocated) = GradeMeasured("12", reply);
        Assert.True(verdict.Equivalent, verdict.Reason);
        Assert.True(allocated < 4 * reply.Length + 16_000_000, $"{allocated:N0} bytes");
    }
}
