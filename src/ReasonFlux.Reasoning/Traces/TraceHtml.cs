using System.Globalization;
using System.Net;
using System.Text;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>A trace as one self-contained HTML page (no scripts, no external files): steps, templates, collapsible model calls.</summary>
public static class TraceHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
        h1{font-size:1.4rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}h3{font-size:1.05rem;margin:1rem 0 .3rem}
        .problem,.answer{background:#f6f6f6;padding:.6rem .8rem;border-radius:6px;white-space:pre-wrap}
        .answer{background:#eaf6ea;font-weight:600}.answer.none{background:#f6f6f6;color:#666;font-weight:400;font-style:italic}.meta{color:#666;font-size:.9rem}
        .step{border:1px solid #ddd;border-radius:6px;padding:.5rem .8rem;margin:.6rem 0}
        .review-continue{color:#1a7f37}.review-redo{color:#b35900}.review-revise{color:#8250df}
        .outcome-fallback,.outcome-stopped,.outcome-failed,.outcome-cancelled{color:#b35900;font-weight:600}
        table{border-collapse:collapse;margin:.4rem 0}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;font-size:.9rem}
        pre{white-space:pre-wrap;background:#fafafa;border:1px solid #eee;padding:.4rem;margin:.2rem 0;font-size:.85rem}
        details{margin:.3rem 0}summary{cursor:pointer}
        """;

    /// <summary>Renders the page.</summary>
    public static string Render(SolveTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ReasonFlux trace</title><style>").Append(Style).Append("</style></head><body>\n");
        sb.Append("<h1>ReasonFlux ").Append(E(trace.Mode)).Append(" trace</h1>\n");
        sb.Append("<p class=\"meta\">").Append(E(trace.Started.ToString("u", inv))).Append(" · ").Append(trace.Milliseconds.ToString("0", inv)).Append(" ms · ")
          .Append(trace.PromptTokens.ToString(inv)).Append(" prompt + ").Append(trace.CompletionTokens.ToString(inv)).Append(" generated tokens · ")
          .Append(trace.Samples.Count.ToString(inv)).Append(" sample(s), chosen by ").Append(E(trace.Selection)).Append("</p>\n");
        if (trace.Error is { } failure) sb.Append("<p class=\"outcome-failed\" id=\"error\">The solve failed: ").Append(E(failure)).Append("</p>\n");
        sb.Append("<h2>Problem</h2><div class=\"problem\">").Append(E(trace.Problem)).Append("</div>\n");
        // The page does not know the gold answer: green only says an answer was found; a missing one gets the neutral box.
        sb.Append(trace.Answer is null ? "<h2>Answer</h2><div class=\"answer none\" id=\"answer\">" : "<h2>Answer</h2><div class=\"answer\" id=\"answer\">")
          .Append(E(trace.Answer ?? "(no answer)")).Append("</div>\n");
        foreach (var sample in trace.Samples) Sample(sb, sample, sample.Index == trace.SelectedSample);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Sample(StringBuilder sb, SampleTrace sample, bool selected)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.Append("<section class=\"sample\" id=\"sample-").Append(sample.Index.ToString(inv)).Append("\"><h2>Sample ").Append(sample.Index.ToString(inv))
          .Append(selected ? " (selected)" : "").Append(" — <span class=\"outcome-").Append(sample.Outcome.Name()).Append("\">").Append(sample.Outcome.Name()).Append("</span></h2>\n");
        sb.Append("<p>Answer: <b>").Append(E(sample.Answer ?? "(none)")).Append("</b>");
        if (sample.ReviewScore is { } score) sb.Append(" · mean review score ").Append(score.ToString("0.0", inv));
        sb.Append("</p>\n");
        if (sample.Note is { } note) sb.Append("<p class=\"outcome-").Append(sample.Outcome.Name()).Append("\">").Append(E(note)).Append("</p>\n");

        foreach (var version in sample.Trajectories)
        {
            var t = version.Trajectory;
            sb.Append("<h3>Trajectory v").Append(version.Version.ToString(inv)).Append(" — ").Append(E(version.Reason)).Append("</h3>\n<p class=\"meta\">")
              .Append(E(t.Category)).Append(" › ").Append(E(t.Direction)).Append(" › <b>").Append(E(t.Method)).Append("</b>");
            if (t.Knowledge.Count > 0) sb.Append(" · knowledge: ").Append(E(string.Join(", ", t.Knowledge)));
            sb.Append("</p><ol>");
            foreach (var step in t.Steps) sb.Append("<li>").Append(E(step)).Append("</li>");
            sb.Append("</ol>\n");
        }

        if (sample.Retrievals.Count > 0)
        {
            sb.Append("<h3>Templates retrieved</h3>\n<table><tr><th>for</th><th>search</th><th>query</th><th>templates (score)</th></tr>\n");
            foreach (var r in sample.Retrievals)
            {
                sb.Append("<tr><td>").Append(r.Step is { } n ? "step " + n.ToString(inv) : "trajectory").Append("</td><td>").Append(E(r.Mode)).Append("</td><td>").Append(E(r.Query)).Append("</td><td>");
                sb.Append(string.Join("<br>", r.Hits.Select(h => (h.Id == r.Chosen ? "<b>" : "") + E($"{h.Name} ({h.Score.ToString("0.000", inv)}) — {h.Chapter} › {h.Section}") + (h.Id == r.Chosen ? "</b>" : ""))));
                sb.Append("</td></tr>\n");
            }
            sb.Append("</table>\n");
        }

        if (sample.Steps.Count > 0) sb.Append("<h3>Steps</h3>\n");
        foreach (var step in sample.Steps)
        {
            sb.Append("<div class=\"step\"><b>Step ").Append(step.Index.ToString(inv)).Append(step.Attempt > 1 ? $" (attempt {step.Attempt.ToString(inv)})" : "").Append(":</b> ").Append(E(step.Goal));
            if (step.Template is { } template) sb.Append(" <span class=\"meta\">[template: ").Append(E(template)).Append("]</span>");
            sb.Append("<p><i>Instruction:</i></p><pre>").Append(E(step.Instruction)).Append("</pre>");
            if (step.Thinking.Length > 0) sb.Append("<details><summary>Thinking</summary><pre>").Append(E(step.Thinking)).Append("</pre></details>");
            sb.Append("<p><i>Solution:</i></p><pre>").Append(E(step.Solution)).Append("</pre>");
            if (step.Review is { } review)
            {
                sb.Append("<p class=\"review-").Append(E(review.Decision)).Append("\">Review: ").Append(E(review.Decision));
                if (review.Score is { } s) sb.Append(" (").Append(s.ToString("0.#", inv)).Append("/10)");
                if (review.Reason.Length > 0) sb.Append(" — ").Append(E(review.Reason));
                sb.Append("</p>");
            }
            sb.Append("</div>\n");
        }

        if (sample.FinalText.Length > 0) sb.Append("<h3>Final reply</h3><pre>").Append(E(sample.FinalText)).Append("</pre>\n");

        sb.Append("<h3>Model calls (").Append(sample.Calls.Count.ToString(inv)).Append(")</h3>\n");
        foreach (var call in sample.Calls)
        {
            sb.Append("<details class=\"call\"><summary>").Append(call.Sequence.ToString(inv)).Append(". ").Append(E(call.Role));
            if (call.Step is { } st) sb.Append(" (step ").Append(st.ToString(inv)).Append(')');
            sb.Append(" — ").Append(call.PromptTokens.ToString(inv)).Append('+').Append(call.CompletionTokens.ToString(inv)).Append(" tokens, ")
              .Append(call.Milliseconds.ToString("0", inv)).Append(" ms");
            if (call.Model.Length > 0) sb.Append(", ").Append(E(call.Model));
            if (call.Error is { } error) sb.Append(" — <b>failed:</b> ").Append(E(error));
            sb.Append("</summary>\n");
            foreach (var message in call.Messages) sb.Append("<p class=\"meta\">").Append(E(message.Role)).Append("</p><pre>").Append(E(message.Text)).Append("</pre>\n");
            sb.Append("<p class=\"meta\">reply").Append(call.FinishReason is { } f ? $" ({E(f)})" : "").Append("</p><pre>").Append(E(call.Reply)).Append("</pre></details>\n");
        }
        sb.Append("</section>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
