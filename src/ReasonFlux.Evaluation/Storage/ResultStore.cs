using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using ReasonFlux.Grading;

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

    private static readonly string[] ProblemColumns = ["$o", "$i", "$p", "$g", "$s", "$l", "$k"];
    private static readonly string[] SampleColumns = ["$p", "$s", "$prompt", "$reply", "$extracted", "$correct", "$verdict", "$pt", "$ct", "$lat", "$error", "$failure", "$at", "$answer", "$trace"];
    private static readonly string[] GradingColumns = ["$e", "$c", "$v", "$f", "$p", "$s"];
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
                prompt_tokens, completion_tokens, latency_ms, error, failure, completed_utc, answer, trace)
            VALUES ($p, $s, $prompt, $reply, $extracted, $correct, $verdict, $pt, $ct, $lat, $error, $failure, $at, $answer, $trace)
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

    /// <summary>
    /// Starts a new run in <paramref name="runDir"/> (created if needed). The database is built complete under a staging
    /// name and then renamed to <see cref="FileName"/>, so a kill at any moment leaves either no run or a whole one.
    /// </summary>
    /// <exception cref="RunConflictException">The folder already holds a run.</exception>
    public static ResultStore Create(string runDir, RunManifest manifest, IEnumerable<RunProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(problems);
        if (Exists(runDir)) throw new RunConflictException(runDir, StoreConflict.AlreadyExists);
        Directory.CreateDirectory(runDir);
        var staging = Path.Combine(runDir, FileName + ".creating");
        DeleteDatabase(staging);
        using (var building = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = staging, Pooling = false }.ToString()))
        {
            building.Open();
            Execute(building, """
                CREATE TABLE manifest (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
                CREATE TABLE problems (ordinal INTEGER NOT NULL, id TEXT PRIMARY KEY, problem TEXT NOT NULL, gold TEXT NOT NULL, subject TEXT, level INTEGER, kind TEXT);
                CREATE TABLE samples (
                    problem_id TEXT NOT NULL, sample_index INTEGER NOT NULL, prompt TEXT NOT NULL, reply TEXT NOT NULL,
                    extracted TEXT, correct INTEGER NOT NULL, verdict TEXT NOT NULL, prompt_tokens INTEGER NOT NULL,
                    completion_tokens INTEGER NOT NULL, latency_ms INTEGER NOT NULL, error TEXT, failure TEXT, completed_utc TEXT NOT NULL,
                    answer TEXT, trace TEXT,
                    PRIMARY KEY (problem_id, sample_index));
                """);
            using var tx = building.BeginTransaction();
            using (var cmd = building.CreateCommand())
            {
                cmd.CommandText = "INSERT INTO manifest (id, json) VALUES (1, $j)";
                cmd.Parameters.AddWithValue("$j", JsonSerializer.Serialize(manifest, Json));
                cmd.ExecuteNonQuery();
            }
            using (var cmd = building.CreateCommand())
            {
                cmd.CommandText = "INSERT INTO problems (ordinal, id, problem, gold, subject, level, kind) VALUES ($o, $i, $p, $g, $s, $l, $k)";
                var p = ProblemColumns.Select(n => cmd.Parameters.Add(new SqliteParameter(n, null))).ToArray();
                foreach (var problem in problems)
                {
                    p[0].Value = problem.Ordinal; p[1].Value = problem.Id; p[2].Value = problem.Problem; p[3].Value = problem.Gold;
                    p[4].Value = (object?)problem.Subject ?? DBNull.Value; p[5].Value = (object?)problem.Level ?? DBNull.Value;
                    p[6].Value = AnswerKinds.Name(problem.Kind);
                    cmd.ExecuteNonQuery();
                }
            }
            tx.Commit();
        }
        // Without overwrite: a second process creating the same run at the same moment fails instead of replacing it.
        File.Move(staging, Path.Combine(runDir, FileName));
        var connection = Connect(runDir);
        return new ResultStore(connection, manifest, runDir);
    }

    /// <summary>
    /// True when <paramref name="runDir"/> holds a results file that a kill left before its run was made (empty, or
    /// without a manifest and without samples, as versions before the staged creation could leave): it holds nothing to keep.
    /// </summary>
    public static bool IsHalfMade(string runDir)
    {
        var path = Path.Combine(runDir, FileName);
        if (!File.Exists(path)) return false;
        if (new FileInfo(path).Length == 0) return true;
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = """
                SELECT (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'manifest'),
                       (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'samples')
                """;
            using var r = cmd.ExecuteReader();
            r.Read();
            if (r.GetInt64(0) == 0) return r.GetInt64(1) == 0 || CountRows(connection, "samples") == 0;
            return CountRows(connection, "manifest") == 0 && (r.GetInt64(1) == 0 || CountRows(connection, "samples") == 0);
        }
        catch (SqliteException)
        {
            return false; // not a database we made: never deleted, Open reports it
        }
    }

    /// <summary>Deletes a half-made run's results file (see <see cref="IsHalfMade"/>).</summary>
    public static void DeleteHalfMade(string runDir)
    {
        if (IsHalfMade(runDir)) DeleteDatabase(Path.Combine(runDir, FileName));
    }

    private static long CountRows(SqliteConnection connection, string table)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" }) File.Delete(file);
    }

    /// <summary>Opens an existing run.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no run.</exception>
    public static ResultStore Open(string runDir)
    {
        if (!Exists(runDir)) throw new FileNotFoundException($"{runDir}: no run here ({FileName} not found)", Path.Combine(runDir, FileName));
        var connection = Connect(runDir);
        try
        {
            AddMissingColumns(connection);
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
        p[13].Value = (object?)sample.Answer ?? DBNull.Value; p[14].Value = (object?)sample.Trace ?? DBNull.Value;
    }

    /// <summary>Replaces the grading columns (extracted, correct, verdict, failure) of stored samples in one transaction.</summary>
    public void UpdateGrading(IReadOnlyList<SampleRecord> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            using var cmd = _connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "UPDATE samples SET extracted = $e, correct = $c, verdict = $v, failure = $f WHERE problem_id = $p AND sample_index = $s";
            var p = GradingColumns.Select(n => cmd.Parameters.Add(new SqliteParameter(n, null))).ToArray();
            foreach (var sample in samples)
            {
                p[0].Value = (object?)sample.Extracted ?? DBNull.Value; p[1].Value = sample.Correct ? 1 : 0; p[2].Value = sample.Verdict;
                p[3].Value = (object?)sample.Failure ?? DBNull.Value; p[4].Value = sample.ProblemId; p[5].Value = sample.SampleIndex;
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    /// <summary>The problems of the run, in benchmark order.</summary>
    public IReadOnlyList<RunProblem> ReadProblems()
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = "SELECT ordinal, id, problem, gold, subject, level, kind FROM problems ORDER BY ordinal";
            using var r = cmd.ExecuteReader();
            var list = new List<RunProblem>();
            while (r.Read())
                list.Add(new RunProblem(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetInt32(5),
                    AnswerKinds.Parse(r.IsDBNull(6) ? null : r.GetString(6))));
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
                       s.completion_tokens, s.latency_ms, s.error, s.failure, s.answer, s.trace, p.ordinal
                FROM samples s LEFT JOIN problems p ON p.id = s.problem_id ORDER BY p.ordinal, s.sample_index
                """;
            using var r = cmd.ExecuteReader();
            var list = new List<SampleRecord>();
            while (r.Read())
            {
                if (r.IsDBNull(14) || r.GetInt32(1) is var index && (index < 0 || index >= Manifest.Samples))
                {
                    throw new InvalidDataException(
                        $"{Path.Combine(RunDir, FileName)}: the sample row (problem '{r.GetString(0)}', sample {r.GetInt32(1)}) does not belong to this run " +
                        $"(its problems and samples 0-{Manifest.Samples - 1}); the file was changed outside reasonflux, so its results are not counted");
                }
                list.Add(new SampleRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                    r.GetInt32(5) != 0, r.GetString(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.IsDBNull(10) ? null : r.GetString(10),
                    r.IsDBNull(11) ? null : r.GetString(11))
                {
                    Answer = r.IsDBNull(12) ? null : r.GetString(12),
                    Trace = r.IsDBNull(13) ? null : r.GetString(13),
                });
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

    /// <summary>Runs stored before answer kinds and traces were kept get the columns (empty), so they open and resume.</summary>
    private static void AddMissingColumns(SqliteConnection connection)
    {
        void Ensure(string table, string column)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'";
            if (Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} TEXT");
        }
        Ensure("problems", "kind");
        Ensure("samples", "answer");
        Ensure("samples", "trace");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
