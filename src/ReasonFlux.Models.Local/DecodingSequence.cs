using System.Text;
using System.Threading.Channels;
using LLama;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Local;

/// <summary>
/// One request inside the <see cref="BatchedDecoder"/>: its prompt, its own sampler (temperature, top-p, seed), stop
/// sequences and output cap. The decoder's loop thread drives it; the caller reads <see cref="Output"/>.
/// </summary>
internal sealed class DecodingSequence
{
    private readonly Channel<string> _output = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ISamplingPipeline _sampler;
    private readonly StreamingTokenDecoder _text;
    private readonly StopSequenceFilter _stops;
    private readonly StringBuilder? _collected;
    private readonly List<LLamaToken> _replyTokens = [];
    private int _cancelled;

    // stream false: no pieces on Output; the text is gathered into CollectedText and the caller is woken once, at the
    // end, instead of once per token.
    public DecodingSequence(LLamaToken[] prompt, int maxTokens, ISamplingPipeline sampler, StreamingTokenDecoder text, IEnumerable<string>? stops, bool stream = true)
    {
        _collected = stream ? null : new StringBuilder();
        Prompt = prompt;
        MaxTokens = maxTokens;
        _sampler = sampler;
        _text = text;
        _stops = new StopSequenceFilter(stops);
    }

    public LLamaToken[] Prompt { get; }

    public int MaxTokens { get; }

    // Nobody reads pieces and no stop sequence needs the text: the tokens become text once, at the end.
    private bool TextAtEnd => _collected is not null && _stops.IsEmpty;

    /// <summary>Text pieces as they are generated; completes when the sequence ends, faulted when it fails.</summary>
    public ChannelReader<string> Output => _output.Reader;

    /// <summary>The whole reply of a sequence that does not stream, once <see cref="Output"/> has completed.</summary>
    public string CollectedText => _collected?.ToString() ?? "";

    /// <summary>Output tokens so far (end-of-generation not counted).</summary>
    public int Generated => _replyTokens.Count;

    /// <summary>Set once the sequence has ended normally.</summary>
    public ChatFinishReason Finish { get; private set; } = ChatFinishReason.Length;

    /// <summary>Prompt tokens already in the KV cache.</summary>
    internal int PromptFed { get; set; }

    /// <summary>Leading prompt tokens whose KV cells were left by an earlier sequence in the slot, not decoded again.</summary>
    public int ReusedPromptTokens { get; internal set; }

    /// <summary>Cells this sequence has filled in its slot (positions 0..n-1), counted after each successful decode.</summary>
    internal int InCache { get; set; }

    /// <summary>End position of this sequence's tokens in the batch being built; becomes <see cref="InCache"/> once decoded.</summary>
    internal int BatchEnd { get; set; }

    /// <summary>The tokens at positions 0..<see cref="InCache"/>-1 of the slot: the prompt, then reply tokens fed back.</summary>
    internal LLamaToken[] TokensInCache()
    {
        var tokens = new LLamaToken[InCache];
        var fromPrompt = Math.Min(InCache, Prompt.Length);
        Prompt.AsSpan(0, fromPrompt).CopyTo(tokens);
        _replyTokens.CopyTo(0, tokens, fromPrompt, InCache - fromPrompt);
        return tokens;
    }

    /// <summary>KV-cache slot, set when the scheduler admits the sequence.</summary>
    internal int Slot { get; set; } = -1;

    /// <summary>Where <see cref="LastToken"/> goes in this sequence's KV cache.</summary>
    internal int LastTokenPosition => PromptFed + Generated - 1;

    internal bool PromptDone => PromptFed == Prompt.Length;

    /// <summary>The token to feed next step, once the prompt is in.</summary>
    internal LLamaToken LastToken => _replyTokens[^1];

    /// <summary>Index of this sequence's logits in the batch just built; -1 when it has none there.</summary>
    internal int LogitIndex { get; set; } = -1;

    internal bool IsCancelled => Volatile.Read(ref _cancelled) == 1;

    /// <summary>Asks the loop to drop this sequence; harmless after it ended.</summary>
    public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);

    /// <summary>Samples from the logits at <see cref="LogitIndex"/>; returns true when the sequence has ended.</summary>
    internal bool Step(SafeLLamaContextHandle context, SafeLlamaModelHandle.Vocabulary vocab)
    {
        var token = _sampler.Sample(context, LogitIndex);
        _sampler.Accept(token);
        if (token.IsEndOfGeneration(vocab)) return End(ChatFinishReason.Stop);
        _replyTokens.Add(token);
        if (!TextAtEnd)
        {
            _text.Add(token);
            var (text, stopped) = _stops.Push(_text.Read());
            if (text.Length > 0) Emit(text);
            if (stopped) return End(ChatFinishReason.Stop);
        }
        return Generated >= MaxTokens && End(ChatFinishReason.Length);
    }

    /// <summary>Ends with no tokens (an output cap of zero).</summary>
    internal void EndEmpty() => End(ChatFinishReason.Length);

    internal void Fail(Exception error)
    {
        _output.Writer.TryComplete(error);
        _sampler.Dispose();
    }

    private void Emit(string text)
    {
        if (_collected is not null) _collected.Append(text);
        else _output.Writer.TryWrite(text);
    }

    private bool End(ChatFinishReason finish)
    {
        Finish = finish;
        if (TextAtEnd)
        {
            foreach (var t in _replyTokens) _text.Add(t);
            Emit(_text.Read());
        }
        var rest = finish == ChatFinishReason.Stop && _stops.Stopped ? "" : _stops.Flush();
        if (rest.Length > 0) Emit(rest);
        _output.Writer.TryComplete();
        _sampler.Dispose();
        return true;
    }
}
