using System.Text;
using Microsoft.Extensions.AI;
using ReasonFlux.Grading;

namespace ReasonFlux.Reasoning.Direct;

/// <summary>The mutable state of one sample while it is generated.</summary>
internal sealed class SampleRun(int index, bool startsInThinking, string endMarker, AnswerKind answerKind)
{
    private readonly StringBuilder _text = new();
    private bool? _inThinking = startsInThinking ? true : null;

    public int Index { get; } = index;
    public string Text => _text.ToString();
    public TokenUsage Usage { get; set; }
    public int ThinkingTokens { get; set; }
    public int LastCompletionTokens { get; set; }
    public ChatFinishReason? LastFinish { get; set; }
    public bool Truncated { get; set; }
    public string? Model { get; set; }

    public void Append(string text) => _text.Append(text);

    /// <summary>Whether newly streamed text belongs to the thinking block, tracking the open and close tags as they pass.</summary>
    public SolveUpdateKind ClassifyNext(string text)
    {
        const string open = "<think>";
        if (_inThinking is null)
        {
            var head = (_text.ToString() + text).TrimStart();
            if (head.StartsWith(open, StringComparison.Ordinal)) _inThinking = true;
            else if (head.Length >= open.Length || !open.StartsWith(head, StringComparison.Ordinal)) _inThinking = false;
        }
        var kind = _inThinking == false ? SolveUpdateKind.Answer : SolveUpdateKind.Thinking;
        if (_inThinking == true)
        {
            // Only the last few characters can complete a marker that started in an earlier piece.
            var tailStart = Math.Max(0, _text.Length - endMarker.Length);
            var window = _text.ToString(tailStart, _text.Length - tailStart) + text;
            if (window.Contains(endMarker, StringComparison.Ordinal)) _inThinking = false;
        }
        return kind;
    }

    public SampleResult ToResult()
    {
        var text = Text;
        var (thinking, answerText) = ThinkingSplit.Split(text, startsInThinking, endMarker);
        if (ThinkingTokens == 0 && thinking.Length > 0 && Usage.CompletionTokens > 0)
        {
            // Without budget forcing no call ends at the marker, so the count is estimated in proportion to characters.
            ThinkingTokens = (int)Math.Round(Usage.CompletionTokens * (double)thinking.Length / Math.Max(1, thinking.Length + answerText.Length));
        }
        return new SampleResult(text, thinking, answerText, AnswerExtractor.Extract(text, answerKind)?.Text, ThinkingTokens, Usage, Truncated);
    }
}
