using Microsoft.Data.Sqlite;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Reports;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>A run folder left half-made by a kill, and a results.db with rows added by hand.</summary>
public sealed class RunIntegrityTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-run-integrity-").FullName;
    private readonly Benchmark _aime25 = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, SharedData.Path("benchmarks/aime25.jsonl"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private RunManifest Manifest() => RunManifest.Create("aime25", _aime25.Sha256, "reference", "", 1, new Dictionary<string, string>());

    private static void Sql(string runDir, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(runDir, ResultStore.FileName), Pooling = false }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_run_killed_while_its_folder_was_made_is_started_again(bool resume)
    {
        // What a kill -9 between creating the tables and committing the manifest leaves behind.
        Directory.CreateDirectory(_dir);
        Sql(_dir, "CREATE TABLE manifest (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL); CREATE TABLE problems (ordinal INTEGER NOT NULL, id TEXT PRIMARY KEY, problem TEXT NOT NULL, gold TEXT NOT NULL, subject TEXT, level INTEGER);");

        using var store = EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume);

        Assert.Equal(_aime25.Problems.Count, store.ReadProblems().Count);
        Assert.Equal("aime25", store.Manifest.Benchmark);
    }

    [Fact]
    public void An_empty_results_file_left_by_a_kill_is_started_again()
    {
        File.WriteAllBytes(Path.Combine(_dir, ResultStore.FileName), []);

        using var store = EvalRun.Open(_dir, Manifest(), _aime25.Problems, resume: true);

        Assert.Equal(_aime25.Problems.Count, store.ReadProblems().Count);
    }

    [Theory]
    [InlineData("'not-a-problem', 0")]
    [InlineData("'{0}', 7")]
    [InlineData("'{0}', -1")]
    public async Task Rows_that_do_not_belong_to_the_manifest_are_refused(string key)
    {
        using (var store = EvalRun.Open(_dir, Manifest(), _aime25.Take(3), resume: false))
        {
            await new EvalRunner(new ReferenceSolver(_aime25), new EvalRunOptions { Limit = 3 }).RunAsync(_aime25, store, null, TestContext.Current.CancellationToken);
        }
        var values = string.Format(System.Globalization.CultureInfo.InvariantCulture, key, _aime25.Problems[0].Id);
        Sql(_dir, $"INSERT INTO samples VALUES ({values}, 'p', '\\boxed{{1}}', '1', 1, 'same', 0, 0, 1, NULL, NULL, '2026-01-01', NULL, NULL)");

        var ex = Assert.Throws<InvalidDataException>(() => RunReport.Load(_dir));

        Assert.Contains(Path.Combine(_dir, ResultStore.FileName), ex.Message);
        Assert.Contains("does not belong to this run", ex.Message);
    }
}
