namespace ReasonFlux.Models.Hub;

/// <summary>The model used when none is given: Qwen2.5-0.5B-Instruct, Q4_K_M GGUF, from Qwen's official repository.</summary>
public static class DefaultModel
{
    /// <summary>
    /// Pinned to a commit so the bytes never change under users. The commit, size (491,400,032 bytes) and SHA-256
    /// (the LFS object id Hugging Face shows for this file) were taken from published manifests of other projects
    /// that pin this exact file, not invented; the download is also checked against the hub's own checksum header.
    /// </summary>
    public static HubFileRef File { get; } =
        new("Qwen", "Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q4_k_m.gguf", "9217f5db79a29953eb74d5343926648285ec7e67")
        {
            Sha256 = "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db",
        };

    /// <summary>Size of <see cref="File"/> in bytes, for messages before the download starts.</summary>
    public const long SizeBytes = 491_400_032;
}
