using LLama;
using LLama.Common;
using LLama.Exceptions;


namespace ReasonFlux.Models.Local;

/// <summary>
/// A GGUF model loaded in process through LLamaSharp. Concurrent requests share one context and are decoded together
/// (<see cref="BatchedDecoder"/>), up to <see cref="ParallelSequences"/> at once.
/// </summary>
public sealed class GgufModel : IDisposable
{
    private const int MaxDefaultContext = 32_768;
    private static readonly byte[] GgufMagic = "GGUF"u8.ToArray();

    private readonly Lazy<BatchedDecoder[]> _decoders;
    private readonly bool _small;

    private GgufModel(string path, LLamaWeights weights, ModelParams parameters, ChatFormat format, int parallel, bool small, int workers)
    {
        Path = path;
        Weights = weights;
        Parameters = parameters;
        Format = format;
        ParallelSequences = parallel;
        _small = small;
        DecoderWorkers = Math.Clamp(workers, 1, parallel);
        _decoders = new(CreateDecoders);
    }

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>The model id reported in responses: the file name without extension.</summary>
    public string Id => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The prompt format in use.</summary>
    public ChatFormat Format { get; }

    /// <summary>Context window in tokens, per request.</summary>
    public int ContextSize => (int)(Parameters.ContextSize ?? 0);

    /// <summary>CPU threads used for decoding.</summary>
    public int Threads => Parameters.Threads ?? 1;

    /// <summary>Why <see cref="Threads"/> is what it is, for <c>--verbose</c>.</summary>
    public string ThreadsChoice { get; private init; } = "";

    /// <summary>One line for <c>--verbose</c>: threads and why, parallel sequences, context.</summary>
    public string Describe() =>
        $"{Id}: in process, {Threads} thread(s) ({ThreadsChoice}), up to {ParallelSequences} requests decoded together by {DecoderWorkers} decoder(s), {ContextSize} tokens of context each, prompt starts reused from free slots{(ReusePromptPrefixes ? "" : " (off)")}";

    /// <summary>Requests decoded together at most; each has its own <see cref="ContextSize"/> of KV cache.</summary>
    public int ParallelSequences { get; }

    /// <summary>
    /// Decoder workers, each one context and one loop thread: as many as the physical cores hold at <see cref="Threads"/>
    /// threads each (a tiny model on one thread uses every core this way, without llama.cpp's per-step thread barrier).
    /// </summary>
    public int DecoderWorkers { get; }

    /// <summary>Decode steps of all workers, and how many overlapped another worker's (see <see cref="DecodeActivity"/>).</summary>
    internal DecodeActivity Activity { get; } = new();

    /// <summary>The decoders, created on first use; the slots are split between them.</summary>
    internal IReadOnlyList<BatchedDecoder> Decoders => _decoders.Value;

    /// <summary>
    /// Whether a prompt reuses the KV cells a free slot kept from an earlier request that started the same way (on by
    /// default, as llama-server's prompt cache; benchmarks switch it off to measure it). Read when the decoders start.
    /// </summary>
    internal bool ReusePromptPrefixes { get; set; } = true;

    /// <summary>
    /// Queues a request on the least busy decoder, and among equally busy ones on the one holding the longest start of
    /// its prompt (chosen and queued in one step, so a burst spreads evenly).
    /// </summary>
    internal BatchedDecoder Submit(DecodingSequence sequence)
    {
        var decoders = _decoders.Value;
        lock (decoders)
        {
            var decoder = decoders.Length == 1 ? decoders[0]
                : decoders.OrderBy(d => d.Pending).ThenByDescending(d => d.ReusablePrefix(sequence.Prompt)).First();
            decoder.Submit(sequence);
            return decoder;
        }
    }

    private BatchedDecoder[] CreateDecoders()
    {
        var workers = DecoderWorkers;
        return Enumerable.Range(0, workers)
            .Select(i => ParallelSequences / workers + (i < ParallelSequences % workers ? 1 : 0))
            .Select(slots => new BatchedDecoder(Weights, BatchedDecoderParameters(slots), slots, Activity) { ReusePrefixes = ReusePromptPrefixes })
            .ToArray();
    }

    internal LLamaWeights Weights { get; }

    internal ModelParams Parameters { get; }

    /// <summary>Loads a GGUF file; throws <see cref="ModelLoadException"/> naming the file and the cause.</summary>
    public static GgufModel Load(string path, GgufModelOptions? options = null) => Load(path, options, decoderWorkers: null);

    /// <summary>Loads with a set number of decoder workers instead of one per physical core (tests, benchmarks).</summary>
    internal static GgufModel Load(string path, GgufModelOptions? options, int? decoderWorkers)
    {
        options ??= new GgufModelOptions();
        CheckFile(path);
        var parameters = new ModelParams(path)
        {
            ContextSize = options.ContextSize is { } c ? (uint)c : null,
            GpuLayerCount = options.GpuLayers,
        };
        var bytes = new FileInfo(path).Length;
        var small = bytes < ThreadDefaults.SmallModelBytes;
        var threads = options.Threads ?? ThreadDefaults.For(bytes);
        parameters.Threads = threads;
        parameters.BatchThreads = threads;
        LLamaWeights weights;
        try
        {
            LlamaNativeLog.Silence();
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception ex) when (ex is LoadWeightsFailedException or RuntimeError or InvalidOperationException)
        {
            throw new ModelLoadException($"{path}: llama.cpp could not load the model ({ex.Message}); the file may be corrupt or of an unsupported architecture", ex);
        }
        parameters.ContextSize ??= (uint)Math.Min(weights.ContextSize, MaxDefaultContext);
        var format = options.ChatFormat ?? FormatFromMetadata(weights);
        var parallel = options.ParallelSequences ?? DefaultParallelSequences((int)parameters.ContextSize.Value);
        var choice = options.Threads is not null ? "--threads"
            : small ? "default: 1 for models under 64 MiB"
            : "default: physical cores";
        var workers = decoderWorkers ?? ThreadDefaults.PhysicalCores() / Math.Max(threads, 1);
        return new GgufModel(path, weights, parameters, format, parallel, small, workers) { ThreadsChoice = choice };
    }

    /// <summary>The chat template stored in the GGUF metadata, if any.</summary>
    public string? EmbeddedChatTemplate =>
        Weights.Metadata.TryGetValue("tokenizer.chat_template", out var template) && template.Length > 0 ? template : null;

    private static ChatFormat FormatFromMetadata(LLamaWeights weights) =>
        weights.Metadata.TryGetValue("tokenizer.chat_template", out var template) && !string.IsNullOrWhiteSpace(template)
            ? GgufTemplateFormat.For(template)
            : ChatFormat.Raw;

    private static void CheckFile(string path)
    {
        if (!File.Exists(path))
            throw new ModelLoadException($"{path}: model file not found");
        Span<byte> head = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.SequenceEqual(GgufMagic))
                throw new ModelLoadException($"{path}: not a GGUF file (it does not start with the GGUF magic bytes)");
        }
    }

    internal LLamaContext CreateContext() => Weights.CreateContext(Parameters);

    /// <summary>
    /// Eight sequences, as llama-server's usual <c>-np 8</c>, while the KV cache stays within 32,768 cells in all
    /// (the size one default-context request had before): long contexts get fewer parallel sequences.
    /// </summary>
    private static int DefaultParallelSequences(int contextSize) => Math.Clamp(MaxDefaultContext / Math.Max(contextSize, 1), 1, 8);

    /// <summary>
    /// One KV stream per sequence (not unified): a sequence attends only over its own cells, which is what makes eight
    /// short sequences cheap, and each gets the whole <see cref="ContextSize"/>.
    /// </summary>
    private ModelParams BatchedDecoderParameters(int slots) => new(Path)
    {
        ContextSize = (uint)(ContextSize * slots),
        SeqMax = (uint)slots,
        KVUnified = false,
        GpuLayerCount = Parameters.GpuLayerCount,
        Threads = Parameters.Threads,
        BatchThreads = Parameters.BatchThreads,
        // llama.cpp's "auto" turns flash attention on for the CPU; for tiny models it made every decode step 1.5-2.5x
        // slower (stories260K, `scenario inproc-batched`), so they run without it, with an f32 KV cache: with f16 K/V
        // and no flash attention a greedy reply drifted (after ~60 tokens) depending on what else was in the batch, with
        // f32 it is the same alone and batched. Larger models keep llama.cpp's choices.
        FlashAttention = _small ? false : Parameters.FlashAttention,
        TypeK = _small ? LLama.Native.GGMLType.GGML_TYPE_F32 : null,
        TypeV = _small ? LLama.Native.GGMLType.GGML_TYPE_F32 : null,
    };

    /// <inheritdoc />
    public void Dispose()
    {
        if (_decoders.IsValueCreated)
            foreach (var d in _decoders.Value) d.Dispose();
        Weights.Dispose();
    }
}
