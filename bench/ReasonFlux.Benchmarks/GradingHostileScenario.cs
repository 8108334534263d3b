using System.Diagnostics;
using ReasonFlux.Grading;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// <c>scenario grading --hostile</c>: 5 MB replies built to be expensive (20,000+ nested or repeated boxes, unbalanced
/// braces, lone surrogates, dollars, anchors) graded one by one; prints wall time, this thread's CPU time and the bytes
/// allocated per grading. Goal: each under 1 s and 200 MB.
/// </summary>
internal static class GradingHostileScenario
{
    private const int Size = 5_000_000;

    private static string Fill(string piece, string tail = "") =>
        string.Concat(Enumerable.Repeat(piece, (Size - tail.Length) / piece.Length)) + tail;

    public static int Run()
    {
        (string Name, string Reply)[] shapes =
        [
            ("nested \\boxed{", Fill("\\boxed{")),
            ("repeated \\boxed{1}", Fill("\\boxed{1}")),
            ("repeated \\boxed{1} and", Fill("\\boxed{1} and ")),
            ("unbalanced braces", Fill("}{", "\\boxed{2")),
            ("lone surrogates", Fill("\uD800x\uDC00", "\\boxed{1}")),
            ("dollars", Fill("$x")),
            ("anchors", Fill("The final answer is ")),
            ("mixed", Fill("\\boxed{\\frac{1}{2}} and $x$ 1/3 #### ")),
            ("prose, no answer", Fill("so we consider the next case carefully ")),
        ];
        Grader.Grade("1", "warm up \\boxed{1}");
        foreach (var (name, reply) in shapes)
        {
            Grader.Grade("1", reply); // JIT for this shape's paths
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadCpuClock.Microseconds();
            var wall = Stopwatch.StartNew();
            var verdict = Grader.Grade("1", reply);
            var wallMs = wall.Elapsed.TotalMilliseconds;
            var cpuMs = (ThreadCpuClock.Microseconds() - cpu) / 1000;
            var megabytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6;
            Console.WriteLine($"  {name,-24} {reply.Length / 1e6:0.0} M chars  {wallMs,8:0.0} ms wall  {cpuMs,8:0.0} ms CPU  {megabytes,7:0.0} MB allocated  {verdict.Reason}");
        }
        return 0;
    }
}
