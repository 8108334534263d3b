using LLama.Native;

namespace ReasonFlux.Models.Local;

/// <summary>llama.cpp logs every load to stderr; the CLI's output must stay clean, so its log is dropped once, before first use.</summary>
internal static class LlamaNativeLog
{
    private static int _done;

    public static void Silence()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        NativeLogConfig.llama_log_set(static (_, _) => { });
    }
}
