using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace ReasonFlux.Evaluation.Storage;

/// <summary>
/// The results of one run in <c>RUN_DIR/results.db</c> (SQLite, WAL): the manifest, the problems, and every sample,
/// committed the moment it is graded, so a killed process loses nothing it had finished. Samples that finish while a
/// commit is under way share the next transaction (group commit), so hundreds of concurrent samples cost a handful
/// of commits, not one each.
/// (problem id, sample index) is the primary key, so a sample is stored once however often a run is resumed.
/// Thread-safe.
/// </summary>
public sealed class ResultStore : IDisposable
{
    /// <summary>The database file name inside the run folder.</summary>
    public const string FileName = "results.db";

    private static readonly string[] ProblemColumns = ["$o", "$i", "$p", "$g", "$s", "$l"];
    private static readonly string[] SampleColumns = ["$p", "$s", "$prompt", "$reply", "$extracted", "$correct", "$verdict", "$pt", "$ct", "$lat", "$error", "$failure", "$at"];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly Lock _gate = new();
    private readonly Channel<PendingSample> _queue = Channel.CreateUnbounded<PendingSample>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;
    private long _commits;

    private ResultStore(SqliteConnection connection, RunManifest manifest, string runDir)
    {
        _connection = connection;
        Manifest = manifest;
        RunDir = runDir;
        _insert = connection.CreateCommand();
        _insert.CommandText = """
            INSERT OR REPLACE INTO samples (problem_id, sample_index, prompt, reply, extracted, correct, verdict,
                prompt_tokens, completion_tokens, latency_ms, error, failure, completed_utc)
            VALUES ($p, $s, $prompt, $reply, $extracted, $correct, $verdict, $pt, $ct, $lat, $error, $failure, $at)
            """;
        foreach (var name in SampleColumns)
            _insert.Parameters.Add(new SqliteParameter(name, null));
        _writer = new Lazy<Task>(() => Task.Run(WriteQueuedAsync), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Most samples in one transaction.</summary>
    internal const int MaxBatch = 512;

    /// <summary>Transactions <see cref="AddAsync"/> has committed (the figure benchmarks divide samples by).</summary>
    internal long Commits => Interlocked.Read(ref _commits);

    /// <summary>The run folder.</summary>
    public string RunDir { get; }

    /// <summary>The run's manifest.</summary>
    public RunManifest Manifest { get; }

    /// <summary>True when <paramref name="runDir"/> already holds a run.</summary>
    public static bool Exists(string runDir) => File.Exists(Path.Combine(runDir, FileName));

    /// <summary>Starts a new run in <paramref name="runDir"/> (created if needed).</summary>
    /// <exception cref="InvalidOperationException">The folder already holds a run.</exception>
    public static ResultStore Create(string runDir, RunManifest manifest, IEnumerable<RunProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(problems);
        if (Exists(runDir)) throw new InvalidOperationException($"{runDir} already holds a run; pass --resume to continue it or choose another --out");
        Directory.CreateDirectory(runDir);
        var connection = Connect(runDir);
        try
        {
            Execute(connection, """
                CREATE TABLE manifest (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
                CREATE TABLE problems (ordinal INTEGER NOT NULL, id TEXT PRIMARY KEY, problem TEXT NOT NULL, gold TEXT NOT NULL, subject TEXT, level INTEGER);
                CREATE TABLE samples (
                    problem_id TEXT NOT NULL, sample_index INTEGER NOT NULL, prompt TEXT NOT NULL, reply TEXT NOT NULL,
                    extracted TEXT, correct INTEGER NOT NULL, verdict TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL, latency_ms INTEGER NOT NULL, error TEXT, failure TEXT, completed_utc TEXT NOT NULL,
                    PRIMARY KEY (problem_id, sample_index));
                """);
            using var tx = connection.BeginTransaction();
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "INSERT INTO manifest (id, json) VALUES (1, $j)";
                cmd.Parameters.AddWithValue("$j", JsonSerializer.Serialize(manifest, Json));
                cmd.ExecuteNonQuery();
            }
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "INSERT INTO problems (ordinal, id, problem, gold, subject, level) VALUES ($o, $i, $p, $g, $s, $l)";
                var p = ProblemColumns.Select(n => cmd.Parameters.Add(new SqliteParameter(n, null))).ToArray();
                foreach (var problem in problems)
                {
                    p[0].Value = problem.Ordinal; p[1].Value = problem.Id; p[2].Value = problem.Problem; p[3].Value = problem.Gold;
                    p[4].Value = (object?)problem.Subject ?? DBNull.Value; p[5].Value = (object?)problem.Level ?? DBNull.Value;
                    cmd.ExecuteNonQuery();
                }
            }
            tx.Commit();
            return new ResultStore(connection, manifest, runDir);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing run.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no run.</exception>
    public static ResultStore Open(string runDir)
    {
        if (!Exists(runDir)) throw new FileNotFoundException($"{runDir}: no run here ({FileName} not found)", Path.Combine(runDir, FileName));
        var connection = Connect(runDir);
        try
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT json FROM manifest WHERE id = 1";
            var json = ReadManifestJson(cmd, runDir) ?? throw new InvalidDataException($"{Path.Combine(runDir, FileName)}: the run has no manifest");
            var manifest = JsonSerializer.Deserialize<RunManifest>(json) ?? throw new InvalidDataException($"{Path.Combine(runDir, FileName)}: unreadable manifest");
            return new ResultStore(connection, manifest, runDir);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Commits one sample on its own (replacing an earlier failed attempt at the same sample).</summary>
    public void Add(SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        lock (_gate)
        {
            // Outside an explicit transaction every statement is its own committed transaction.
            Bind(sample);
            _insert.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Queues one sample for the next group commit (replacing an earlier failed attempt at the same sample). The task
    /// completes once the sample is committed, and faults if its transaction failed. Samples queued before
    /// <see cref="Dispose"/> are committed by it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public Task AddAsync(SampleRecord sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        // Asynchronous continuations: the caller's next step must not run on (and hold up) the writer.
        var pending = new PendingSample(sample, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        // The writer exists before the sample is queued, so Dispose always waits for it.
        _ = _writer.Value;
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(ResultStore), "the result store is closed");
        return pending.Committed.Task;
    }

    private async Task WriteQueuedAsync()
    {
        var batch = new List<PendingSample>(MaxBatch);
        // No waiting to fill a batch: whatever arrived while the previous commit ran goes into the next one.
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                lock (_gate)
                {
                    using var tx = _connection.BeginTransaction();
                    _insert.Transaction = tx;
                    try
                    {
                        foreach (var item in batch)
                        {
                            Bind(item.Sample);
                            _insert.ExecuteNonQuery();
                        }
                        tx.Commit();
                    }
                    finally
                    {
                        _insert.Transaction = null;
                    }
                }
                Interlocked.Increment(ref _commits);
                foreach (var item in batch) item.Committed.TrySetResult();
            }
            catch (Exception ex)
            {
                foreach (var item in batch) item.Committed.TrySetException(ex);
            }
            batch.Clear();
        }
    }

    private void Bind(SampleRecord sample)
    {
        var p = _insert.Parameters;
        p[0].Value = sample.ProblemId; p[1].Value = sample.SampleIndex; p[2].Value = sample.Prompt; p[3].Value = sample.Reply;
        p[4].Value = (object?)sample.Extracted ?? DBNull.Value; p[5].Value = sample.Correct ? 1 : 0; p[6].Value = sample.Verdict;
        p[7].Value = sample.PromptTokens; p[8].Value = sample.CompletionTokens; p[9].Value = sample.LatencyMs;
        p[10].Value = (object?)sample.Error ?? DBNull.Value; p[11].Value = (object?)sample.Failure ?? DBNull.Value;
        p[12].Value = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The problems of the run, in benchmark order.</summary>
    public IReadOnlyList<RunProblem> ReadProblems()
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT ordinal, id, problem, gold, subject, level FROM problems ORDER BY ordinal";
            using var r = cmd.ExecuteReader();
            var list = new List<RunProblem>();
            while (r.Read())
                list.Add(new RunProblem(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5)));
            return list;
        }
    }

    /// <summary>Every stored sample, by problem order then sample index.</summary>
    public IReadOnlyList<SampleRecord> ReadSamples()
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = """
                SELECT s.problem_id, s.sample_index, s.prompt, s.reply, s.extracted, s.correct, s.verdict, s.prompt_tokens,
                       s.completion_tokens, s.latency_ms, s.error, s.failure
                FROM samples s LEFT JOIN problems p ON p.id = s.problem_id ORDER BY p.ordinal, s.sample_index
                """;
            using var r = cmd.ExecuteReader();
            var list = new List<SampleRecord>();
            while (r.Read())
            {
                list.Add(new SampleRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                    r.GetInt32(5) != 0, r.GetString(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10),
                    r.IsDBNull(11) ? null : r.GetString(11)));
            }
            return list;
        }
    }

    /// <summary>The samples that finished without an error; a resume skips these and redoes the rest.</summary>
    public HashSet<(string ProblemId, int SampleIndex)> CompletedKeys()
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT problem_id, sample_index FROM samples WHERE error IS NULL";
            using var r = cmd.ExecuteReader();
            var set = new HashSet<(string, int)>();
            while (r.Read()) set.Add((r.GetString(0), r.GetInt32(1)));
            return set;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Commit what is queued before the connection goes.
        _queue.Writer.TryComplete();
        if (_writer.IsValueCreated) _writer.Value.GetAwaiter().GetResult();
        _insert.Dispose();
        _connection.Dispose();
    }

    private sealed record PendingSample(SampleRecord Sample, TaskCompletionSource Committed);

    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    private static string? ReadManifestJson(SqliteCommand cmd, string runDir)
    {
        try { return cmd.ExecuteScalar() as string; }
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase or Corrupt or 1) { throw Unreadable(runDir, ex); }
    }

    private static InvalidDataException Unreadable(string runDir, SqliteException ex) => new(
        $"{Path.Combine(runDir, FileName)}: not a readable ReasonFlux results database ({(ex.SqliteErrorCode == Corrupt ? "the file is damaged" : ex.SqliteErrorCode == 1 ? "it has no run tables" : "not an SQLite file")}); move it away or choose another run folder",
        ex);

    private static SqliteConnection Connect(string runDir)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(runDir, FileName),
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            // WAL + NORMAL: a commit survives the process being killed (only an OS crash could lose the last ones).
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            return connection;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is NotADatabase or Corrupt)
        {
            connection.Dispose();
            throw Unreadable(runDir, ex);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
