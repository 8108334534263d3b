using System.Globalization;
using System.Text;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>A trace as an indented tree of one-line entries, for <c>reasonflux trace show</c>.</summary>
public static class TraceTree
{
    /// <summary>Renders the tree; each text is cut to <paramref name="width"/> characters on one line.</summary>
    public static string Render(SolveTrace trace, int width = 120)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{trace.Mode} solve: answer {trace.Answer ?? "(none)"} ({trace.Milliseconds:0} ms, {trace.PromptTokens} prompt + {trace.CompletionTokens} generated tokens, {trace.Samples.Count} sample(s), {trace.Selection})");
        if (trace.Error is { } failure) sb.AppendLine(inv, $"failed: {Line(failure, width)}");
        sb.AppendLine(inv, $"problem: {Line(trace.Problem, width)}");
        for (var s = 0; s < trace.Samples.Count; s++)
        {
            var sample = trace.Samples[s];
            var lastSample = s == trace.Samples.Count - 1;
            var chosen = sample.Index == trace.SelectedSample ? " (selected)" : "";
            var score = sample.ReviewScore is { } r ? $", review {r.ToString("0.0", inv)}" : "";
            sb.AppendLine(inv, $"{(lastSample ? "└─" : "├─")} sample {sample.Index}{chosen}: {sample.Outcome.Name()}, answer {sample.Answer ?? "(none)"}{score}");
            var pad = lastSample ? "   " : "│  ";
            var items = new List<(string Head, List<string> Lines)>();
            if (sample.Note is { } note) items.Add(($"note: {Line(note, width)}", []));
            foreach (var version in sample.Trajectories)
            {
                var t = version.Trajectory;
                items.Add(($"trajectory v{version.Version} ({version.Reason}): {Line($"{t.Category} / {t.Direction} / {t.Method}", width)}",
                    [.. t.Steps.Select((step, i) => $"{i + 1}. {Line(step, width)}")]));
            }
            foreach (var retrieval in sample.Retrievals)
            {
                var hits = string.Join(", ", retrieval.Hits.Select(h => $"{h.Name} ({h.Score.ToString("0.000", inv)})"));
                items.Add(($"retrieval{(retrieval.Step is { } n ? $" for step {n}" : "")} [{retrieval.Mode}] {Line(retrieval.Query, width / 2)} → {(hits.Length > 0 ? hits : "nothing")}", []));
            }
            foreach (var step in sample.Steps)
            {
                var lines = new List<string> { $"instruction: {Line(step.Instruction, width)}", $"solution: {Line(step.Solution, width)}" };
                if (step.Review is { } review)
                    lines.Add($"review: {review.Decision}{(review.Score is { } sc ? $" {sc.ToString("0.#", inv)}/10" : "")}{(review.Reason.Length > 0 ? " — " + Line(review.Reason, width) : "")}");
                items.Add(($"step {step.Index}{(step.Attempt > 1 ? $" (attempt {step.Attempt})" : "")}{(step.Template is { } tn ? $" [{tn}]" : "")}: {Line(step.Goal, width)}", lines));
            }
            var calls = sample.Calls;
            items.Add(($"{calls.Count} model calls, {calls.Sum(c => c.PromptTokens + c.CompletionTokens)} tokens, {calls.Sum(c => c.Milliseconds).ToString("0", inv)} ms",
                [.. calls.Select(c => $"{c.Sequence}. {c.Role}{(c.Step is { } st ? $" (step {st})" : "")}: {c.PromptTokens}+{c.CompletionTokens} tokens, {c.Milliseconds.ToString("0", inv)} ms{(c.Error is { } e ? ", failed: " + Line(e, width / 2) : "")}")]));
            for (var i = 0; i < items.Count; i++)
            {
                var last = i == items.Count - 1;
                sb.Append(pad).Append(last ? "└─ " : "├─ ").AppendLine(items[i].Head);
                foreach (var line in items[i].Lines) sb.Append(pad).Append(last ? "     " : "│    ").AppendLine(line);
            }
        }
        return sb.ToString();
    }

    private static string Line(string text, int width)
    {
        var one = string.Join(' ', text.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return one.Length <= width ? one : one[..Math.Max(1, width - 1)] + "…";
    }
}
