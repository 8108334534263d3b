using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;

namespace ReasonFlux.Models.Tests.Local;

public sealed class GgufModelTests
{
    [Fact]
    public void Missing_file_is_a_load_error_naming_the_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-model.gguf");
        var ex = Assert.Throws<ModelLoadException>(() => GgufModel.Load(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_that_is_not_gguf_is_rejected_before_llama_cpp_sees_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.gguf");
        File.WriteAllText(path, "this is text, not a model");
        try
        {
            var ex = Assert.Throws<ModelLoadException>(() => GgufModel.Load(path));
            Assert.Contains("not a GGUF file", ex.Message, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Truncated_gguf_is_a_load_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.gguf");
        var bytes = File.ReadAllBytes(ReasonFlux.Tests.SharedData.Stories260K);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]);
        try
        {
            var ex = Assert.Throws<ModelLoadException>(() => GgufModel.Load(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Stories260K_has_no_chat_template_so_the_raw_format_is_used()
    {
        using var model = GgufModel.Load(ReasonFlux.Tests.SharedData.Stories260K);
        Assert.Null(model.EmbeddedChatTemplate);
        Assert.Same(ChatFormat.Raw, model.Format);
        Assert.Equal(2048, model.ContextSize);
    }
}
