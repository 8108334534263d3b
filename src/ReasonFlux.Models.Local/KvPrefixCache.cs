using LLama.Native;

namespace ReasonFlux.Models.Local;

/// <summary>
/// What each free slot's KV cells still hold from the sequence that last used it (its prompt and the reply tokens fed
/// back), so that a new prompt starting the same way skips decoding that part again: flux's calls share their system
/// prompt, and a conversation's next turn repeats the earlier ones. Like llama-server's prompt cache, one per slot.
/// Not thread-safe: the decoder holds its lock around every call.
/// </summary>
internal sealed class KvPrefixCache(int slots)
{
    private readonly LLamaToken[]?[] _held = new LLamaToken[]?[slots];

    /// <summary>Leading tokens of <paramref name="prompt"/> already in <paramref name="slot"/>'s cells.</summary>
    public int CommonPrefix(int slot, ReadOnlySpan<LLamaToken> prompt) =>
        _held[slot] is { } held ? held.AsSpan().CommonPrefixLength(prompt) : 0;

    /// <summary>The longest <see cref="CommonPrefix"/> over the slots not in use.</summary>
    public int Best(ReadOnlySpan<LLamaToken> prompt, Func<int, bool> inUse)
    {
        var best = 0;
        for (var slot = 0; slot < _held.Length; slot++)
            if (!inUse(slot)) best = Math.Max(best, CommonPrefix(slot, prompt));
        return best;
    }

    /// <summary>Records the tokens at positions 0..n-1 of the slot's cells.</summary>
    public void Keep(int slot, LLamaToken[] tokens) => _held[slot] = tokens;

    /// <summary>The slot's cells were cleared or are being reused.</summary>
    public void Forget(int slot) => _held[slot] = null;
}
