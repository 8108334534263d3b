using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace ReasonFlux.Templates;

/// <summary>
/// Embedding vectors keyed by a hash of their text, saved as one binary file per (model, library content, text choice).
/// A cache miss still reuses vectors from the model's other files, so a changed library embeds only the texts that changed.
/// </summary>
internal static class EmbeddingStore
{
    private static readonly byte[] Magic = "RFTE0001"u8.ToArray();
    private const int KeptFilesPerModel = 8;

    public static UInt128 Key(string text)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    public static string ModelFolder(string cacheDir, string modelId)
    {
        var readable = new string([.. modelId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId)))[..8];
        return Path.Combine(cacheDir, "template-index", $"{readable[..Math.Min(40, readable.Length)]}-{hash}");
    }

    /// <summary>Reads a store file; null when it is missing or unreadable (a damaged cache is rebuilt, not fatal).</summary>
    public static Dictionary<UInt128, float[]>? TryRead(string path, int? dimensions = null)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic)) return null;
            var dims = reader.ReadInt32();
            var count = reader.ReadInt32();
            if (dimensions is { } d && d != dims) return null;
            var map = new Dictionary<UInt128, float[]>(count);
            var key = new byte[16];
            for (var i = 0; i < count; i++)
            {
                reader.BaseStream.ReadExactly(key);
                var vector = new float[dims];
                reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(vector.AsSpan()));
                map[BinaryPrimitives.ReadUInt128LittleEndian(key)] = vector;
            }
            return map;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Vectors from the model's other store files, newest first, to seed an incremental rebuild.</summary>
    public static Dictionary<UInt128, float[]> ReadSiblings(string folder, string except)
    {
        var pool = new Dictionary<UInt128, float[]>();
        if (!Directory.Exists(folder)) return pool;
        foreach (var file in new DirectoryInfo(folder).GetFiles("*.bin").Where(f => f.FullName != except).OrderByDescending(f => f.LastWriteTimeUtc).Take(KeptFilesPerModel))
        {
            foreach (var (k, v) in TryRead(file.FullName) ?? []) pool.TryAdd(k, v);
        }
        return pool;
    }

    /// <summary>Writes atomically (temp file + rename) so a concurrent reader never sees half a file.</summary>
    public static void Write(string path, IReadOnlyDictionary<UInt128, float[]> vectors, int dims)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            writer.Write(Magic);
            writer.Write(dims);
            writer.Write(vectors.Count);
            Span<byte> key = stackalloc byte[16];
            foreach (var (k, v) in vectors)
            {
                BinaryPrimitives.WriteUInt128LittleEndian(key, k);
                writer.Write(key);
                writer.Write(MemoryMarshal.AsBytes(v.AsSpan()));
            }
        }
        File.Move(temp, path, overwrite: true);
        Prune(Path.GetDirectoryName(path)!);
    }

    private static void Prune(string folder)
    {
        foreach (var old in new DirectoryInfo(folder).GetFiles("*.bin").OrderByDescending(f => f.LastWriteTimeUtc).Skip(KeptFilesPerModel))
        {
            try { old.Delete(); } catch (IOException) { }
        }
    }
}
