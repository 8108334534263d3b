using System.Text;
using LLama;
using LLama.Common;
using LLama.Exceptions;
using LLama.Native;

namespace ReasonFlux.Models.Local;

/// <summary>
/// A GGUF model loaded in process through LLamaSharp. Weights are shared; each request gets its own context,
/// so one model can serve concurrent calls.
/// </summary>
public sealed class GgufModel : IDisposable
{
    private const int MaxDefaultContext = 32_768;
    private static readonly byte[] GgufMagic = "GGUF"u8.ToArray();

    private GgufModel(string path, LLamaWeights weights, ModelParams parameters, ChatFormat format)
    {
        Path = path;
        Weights = weights;
        Parameters = parameters;
        Format = format;
    }

    /// <summary>The file the model was loaded from.</summary>
    public string Path { get; }

    /// <summary>The model id reported in responses: the file name without extension.</summary>
    public string Id => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The prompt format in use.</summary>
    public ChatFormat Format { get; }

    /// <summary>Context window in tokens.</summary>
    public int ContextSize => (int)(Parameters.ContextSize ?? 0);

    internal LLamaWeights Weights { get; }

    internal ModelParams Parameters { get; }

    /// <summary>Loads a GGUF file; throws <see cref="ModelLoadException"/> naming the file and the cause.</summary>
    public static GgufModel Load(string path, GgufModelOptions? options = null)
    {
        options ??= new GgufModelOptions();
        CheckFile(path);
        var parameters = new ModelParams(path)
        {
            ContextSize = options.ContextSize is { } c ? (uint)c : null,
            GpuLayerCount = options.GpuLayers,
            Threads = options.Threads ?? Environment.ProcessorCount,
            BatchThreads = options.Threads ?? Environment.ProcessorCount,
        };
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
        return new GgufModel(path, weights, parameters, format);
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

    internal string Decode(IEnumerable<LLamaToken> tokens)
    {
        var decoder = new StreamingTokenDecoder(Encoding.UTF8, Weights);
        foreach (var t in tokens) decoder.Add(t);
        return decoder.Read();
    }

    /// <inheritdoc />
    public void Dispose() => Weights.Dispose();
}
