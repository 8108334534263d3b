using ReasonFlux.Models;

namespace ReasonFlux.Tests;

/// <summary>
/// For a library that talks to models through servers (Evaluation, Training; linked into their test projects): it must
/// not carry LLamaSharp or llama.cpp's native runtimes.
/// </summary>
public sealed class WithoutLocalBackendTests
{
    [Fact]
    public void The_dependency_list_holds_no_llama_cpp_runtime()
    {
        // deps.json is what the host loads from, and what publish copies; stale files in bin/ do not count.
        var deps = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, $"{typeof(WithoutLocalBackendTests).Assembly.GetName().Name}.deps.json"));
        Assert.DoesNotContain("LLamaSharp", deps, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ReasonFlux.Models.Local", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("libllama", deps, StringComparison.Ordinal);
        Assert.DoesNotContain("ggml", deps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gguf_model_is_refused_with_a_message_that_names_the_missing_backend()
    {
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() =>
            ModelLoader.OpenAsync(new ModelSpec { Model = SharedData.Stories260K }, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("ReasonFlux.Models.Local", ex.Message, StringComparison.Ordinal);
        Assert.Contains("model served over HTTP", ex.Message, StringComparison.Ordinal);
    }
}
