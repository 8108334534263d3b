namespace ReasonFlux.Models.Local;

/// <summary>
/// Decoding threads when the user sets none. A tiny model's per-token work is smaller than the cost of waking and
/// joining worker threads, so it runs fastest on one thread (stories260K on a 2-core machine: 1 thread beat 2 in every
/// round, see the README's performance section); larger models use one thread per physical core, because llama.cpp's
/// matrix kernels gain nothing from a core's second hyper-thread.
/// </summary>
public static class ThreadDefaults
{
    /// <summary>Models below this file size run on one thread.</summary>
    public const long SmallModelBytes = 64L << 20;

    /// <summary>Threads for a model file of this size on this machine.</summary>
    public static int For(long modelBytes) => modelBytes < SmallModelBytes ? 1 : PhysicalCores();

    /// <summary>Physical cores this process may use: distinct (package, core) pairs in /proc/cpuinfo, else the logical count.</summary>
    public static int PhysicalCores()
    {
        var logical = Environment.ProcessorCount;
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return logical;
            var cores = new HashSet<(string, string)>();
            string package = "", core = "";
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0) continue;
                var key = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (key == "physical id") package = value;
                else if (key == "core id")
                {
                    core = value;
                    cores.Add((package, core));
                }
            }
            return cores.Count == 0 ? logical : Math.Clamp(cores.Count, 1, logical);
        }
        catch (IOException)
        {
            return logical;
        }
    }
}
