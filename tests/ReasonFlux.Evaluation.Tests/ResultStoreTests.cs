using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

public sealed class ResultStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-store-").FullName;
    private readonly Benchmark _aime25 = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, SharedData.Path("benchmarks/aime25.jsonl"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunManifest Manifest(int samples = 2) =>
        RunManifest.Create("aime25", _aime25.Sha256, "reference", "", samples, new Dictionary<string, string> { ["limit"] = "5" });

    [Fact]
    public async Task Resumed_run_adds_only_missing_samples_and_never_duplicates()
    {
        var options = new EvalRunOptions { Samples = 2, Limit = 5 };
        using (var store = EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: false))
        {
            // An earlier session finished two samples.
            store.Add(new SampleRecord(_aime25.Problems[0].Id, 0, "p", "\\boxed{70}", "70", true, "same", 0, 0, 1, null, null));
            store.Add(new SampleRecord(_aime25.Problems[1].Id, 1, "p", "x", null, false, "boom", 0, 0, 1, "boom", FailureKinds.Error));
        }
        using (var store = EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: true))
        {
            var summary = await new EvalRunner(new ReferenceSolver(_aime25), options).RunAsync(_aime25, store, null, TestContext.Current.CancellationToken);
            var samples = store.ReadSamples();
            Assert.Equal(10, samples.Count);
            Assert.Equal(10, samples.Select(s => (s.ProblemId, s.SampleIndex)).Distinct().Count());
            Assert.Equal(0, summary.Errors); // the failed sample was redone
            Assert.Equal("p", samples.Single(s => s.ProblemId == _aime25.Problems[0].Id && s.SampleIndex == 0).Prompt); // the done one was kept
        }
    }

    [Fact]
    public void Resume_with_different_samples_is_refused_naming_the_setting()
    {
        using (EvalRun.Open(_dir, Manifest(samples: 2), _aime25.Problems, resume: false)) { }
        var ex = Assert.Throws<RunConflictException>(() => EvalRun.Open(_dir, Manifest(samples: 4), _aime25.Problems, resume: true));
        Assert.Contains("samples: 2 → 4", ex.Message);
    }

    [Fact]
    public void Starting_over_an_existing_run_without_resume_is_refused()
    {
        using (EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: false)) { }
        var ex = Assert.Throws<RunConflictException>(() => EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: false));
        Assert.Equal(StoreConflict.AlreadyExists, ex.Conflict);
        Assert.Equal($"{_dir} already holds a run; resume it or choose another place", ex.Message);
    }

    [Fact]
    public void Manifest_round_trips_with_checksum_version_and_commit()
    {
        using (EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: false)) { }
        using var store = ResultStore.Open(_dir);
        Assert.Equal(_aime25.Sha256, store.Manifest.BenchmarkSha256);
        Assert.Equal("5", store.Manifest.Parameters["limit"]);
        Assert.False(string.IsNullOrEmpty(store.Manifest.ToolVersion));
        Assert.False(string.IsNullOrEmpty(store.Manifest.GitCommit));
        Assert.Equal(30, store.ReadProblems().Count);
    }

    [Fact]
    public async Task Samples_queued_together_share_transactions_and_each_is_stored_once()
    {
        using var store = EvalRun.Open(_dir, Manifest(samples: 4), _aime25.Problems, resume: false);
        var pending = new List<Task>();
        foreach (var p in _aime25.Problems)
            for (var s = 0; s < 4; s++)
                pending.Add(store.AddAsync(new SampleRecord(p.Id, s, "p", "r", null, false, "v", 1, 2, 3, null, FailureKinds.NoAnswer)));
        await Task.WhenAll(pending);

        Assert.Equal(120, store.ReadSamples().Select(s => (s.ProblemId, s.SampleIndex)).Distinct().Count());
        Assert.InRange(store.Commits, 1, 60); // queued faster than one commit takes, so far fewer transactions than samples
    }

    [Fact]
    public void Dispose_commits_the_samples_still_queued()
    {
        using (var store = EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: false))
            for (var i = 0; i < 10; i++)
                _ = store.AddAsync(new SampleRecord(_aime25.Problems[i].Id, 0, "p", "r", null, false, "v", 0, 0, 0, null, FailureKinds.NoAnswer));

        using var reopened = ResultStore.Open(_dir);
        Assert.Equal(10, reopened.ReadSamples().Count);
    }
}

public sealed class UnusableRunFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-bad-").FullName;
    private readonly Benchmark _aime25 = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, SharedData.Path("benchmarks/aime25.jsonl"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunManifest Manifest() => RunManifest.Create("aime25", _aime25.Sha256, "reference", "", 1, new Dictionary<string, string>());

    [Fact]
    public void A_corrupt_results_db_is_named_with_its_path_in_words()
    {
        File.WriteAllBytes(Path.Combine(_dir, ResultStore.FileName), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        var ex = Assert.Throws<InvalidDataException>(() => ResultStore.Open(_dir));
        Assert.StartsWith(Path.Combine(_dir, ResultStore.FileName) + ": not a readable ReasonFlux results database", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SQLite Error", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_path_that_is_a_file_is_refused_in_words()
    {
        var file = Path.Combine(_dir, "afile");
        File.WriteAllText(file, "hi");
        var ex = Assert.Throws<RunConflictException>(() => EvalRun.Open(file, Manifest(), _aime25.Problems, resume: false));
        Assert.Equal(StoreConflict.NotAFolder, ex.Conflict);
        Assert.Equal($"{file} is a file, not a folder that can hold a run", ex.Message);
    }
}
