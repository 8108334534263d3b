using System.Globalization;
using ReasonFlux.Reasoning;
using Spectre.Console;

namespace ReasonFlux.Cli;

/// <summary>Shows a streamed solve: tokens as they come (thinking dimmed in a terminal), then the answer; control characters in model text are shown, not obeyed.</summary>
internal sealed class SolveDisplay(TextWriter output)
{
    private readonly bool _terminal = Terminal.IsTerminal(output);
    private SolveUpdateKind? _last;
    private bool _atLineStart = true;

    /// <summary>Ends the streamed text's line, if it is open, so that a status or error line written next starts its own line.</summary>
    public void EndLine()
    {
        if (!_atLineStart) NewLine();
        output.Flush();
    }

    public void Show(SolveUpdate update)
    {
        switch (update.Kind)
        {
            case SolveUpdateKind.Status:
                NewLine();
                Write($"[{update.Text.Trim()}]", "yellow");
                NewLine();
                break;
            case SolveUpdateKind.Thinking:
                Write(update.Text, "grey");
                break;
            case SolveUpdateKind.Answer:
                if (_last == SolveUpdateKind.Thinking) NewLine();
                Write(update.Text, null);
                break;
        }
        _last = update.Kind;
        output.Flush();
    }

    /// <summary>How long the template index took before the solve, shown in the closing line; null for none.</summary>
    public TimeSpan? IndexTime { get; init; }

    /// <summary>One blank line after the streamed text, then the answer and usage lines.</summary>
    public void Finish(Solution solution)
    {
        EndLine();
        NewLine();
        var votes = solution.Samples.Count > 1 ? $" ({solution.Samples.Count(s => s.Answer == solution.Answer)}/{solution.Samples.Count} samples)" : "";
        Write(solution.Answer is { } answer ? $"answer: {answer}{votes}" : "answer: (none found in the reply)", "bold");
        NewLine();
        var index = IndexTime is { } t ? string.Create(CultureInfo.InvariantCulture, $" (+ {t.TotalSeconds:F1} s template index)") : "";
        Write($"{solution.Usage.CompletionTokens} tokens in {solution.Elapsed.TotalSeconds:F1} s{index}, model {solution.Model}", "grey");
        NewLine();
    }

    private void NewLine()
    {
        output.WriteLine();
        _atLineStart = true;
    }

    private void Write(string text, string? style)
    {
        text = TerminalText.Clean(text);
        if (text.Length > 0) _atLineStart = text[^1] == '\n';
        if (_terminal && style is not null) AnsiConsole.Markup($"[{style}]{Markup.Escape(text)}[/]");
        else output.Write(text);
    }
}
