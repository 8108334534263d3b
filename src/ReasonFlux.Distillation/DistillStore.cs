using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ReasonFlux.Distillation;

/// <summary>
/// The progress of one distillation in an SQLite file (WAL) beside the output library: the manifest and one row per
/// processed problem, committed the moment the problem is decided, so a killed process loses nothing it had finished and
/// a resume redoes only the rest (and the problems whose backend call failed). Thread-safe.
/// </summary>
public sealed class DistillStore : IDisposable
{
    private const string Columns = "key, ordinal, outcome, reason, template, chapter, section, new_section, duplicate_of, similarity, calls";
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private DistillStore(SqliteConnection connection, string path, DistillManifest manifest)
    {
        _connection = connection;
        Path = path;
        Manifest = manifest;
    }

    /// <summary>The store file.</summary>
    public string Path { get; }

    /// <summary>The manifest the store was started with.</summary>
    public DistillManifest Manifest { get; }

    /// <summary>The store that goes with an output library: <c>NEW.json</c> → <c>NEW.distill.db</c>.</summary>
    public static string PathFor(string outputLibrary) => System.IO.Path.ChangeExtension(System.IO.Path.GetFullPath(outputLibrary), ".distill.db");

    /// <summary>Starts a store, or continues one when <paramref name="resume"/> is set.</summary>
    /// <exception cref="DistillConflictException">The store exists and <paramref name="resume"/> is false, or it was started with other settings.</exception>
    public static DistillStore Open(string path, DistillManifest manifest, bool resume)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var exists = File.Exists(path);
        if (exists && !resume) throw new DistillConflictException(path, StoreConflict.AlreadyExists);
        if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        try
        {
            // WAL + NORMAL: a commit survives the process being killed.
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;");
            if (!exists)
            {
                Execute(connection, """
                    CREATE TABLE IF NOT EXISTS manifest (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS problems (
                        key TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL, template TEXT,
                        chapter TEXT, section TEXT, new_section INTEGER NOT NULL, duplicate_of TEXT, similarity REAL, calls INTEGER NOT NULL,
                        completed_utc TEXT NOT NULL);
                    """);
                using var cmd = connection.CreateCommand();
                cmd.CommandText = "INSERT INTO manifest (id, json) VALUES (1, $j)";
                cmd.Parameters.AddWithValue("$j", JsonSerializer.Serialize(manifest));
                cmd.ExecuteNonQuery();
                return new DistillStore(connection, path, manifest);
            }
            using (var cmd = connection.CreateCommand())
            {
                cmd.CommandText = "SELECT json FROM manifest WHERE id = 1";
                var json = cmd.ExecuteScalar() as string ?? throw new InvalidDataException($"{path}: the distillation store has no manifest");
                var stored = JsonSerializer.Deserialize<DistillManifest>(json) ?? throw new InvalidDataException($"{path}: unreadable manifest");
                var diffs = stored.DifferencesFrom(manifest);
                if (diffs.Count > 0) throw new DistillConflictException(path, StoreConflict.OtherSettings, diffs);
                return new DistillStore(connection, path, stored);
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Commits one processed problem (replacing an earlier failed attempt at it).</summary>
    public void Add(DistillRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"INSERT OR REPLACE INTO problems ({Columns}, completed_utc) VALUES ($k, $o, $out, $r, $t, $c, $s, $n, $d, $sim, $calls, $at)";
            cmd.Parameters.AddWithValue("$k", record.Key);
            cmd.Parameters.AddWithValue("$o", record.Ordinal);
            cmd.Parameters.AddWithValue("$out", record.Outcome);
            cmd.Parameters.AddWithValue("$r", record.Reason);
            cmd.Parameters.AddWithValue("$t", (object?)record.Template ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$c", (object?)record.Chapter ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$s", (object?)record.Section ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$n", record.NewSection ? 1 : 0);
            cmd.Parameters.AddWithValue("$d", (object?)record.DuplicateOf ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$sim", (object?)record.Similarity ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$calls", record.Calls);
            cmd.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            // Outside an explicit transaction the statement is its own committed transaction.
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>Every processed problem, in source order.</summary>
    public IReadOnlyList<DistillRecord> ReadAll()
    {
        lock (_gate)
        {
            using var cmd = _connection.CreateCommand();
            cmd.CommandText = $"SELECT {Columns} FROM problems ORDER BY ordinal";
            using var r = cmd.ExecuteReader();
            var list = new List<DistillRecord>();
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            while (r.Read())
            {
                list.Add(new DistillRecord(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), Text(4), Text(5), Text(6),
                    r.GetInt32(7) != 0, Text(8), r.IsDBNull(9) ? null : r.GetDouble(9), r.GetInt32(10)));
            }
            return list;
        }
    }

    /// <summary>Keys of the problems that are decided; a resume skips them (problems that met a backend error are redone).</summary>
    public HashSet<string> DoneKeys() => [.. ReadAll().Where(r => r.Outcome != DistillOutcomes.Error).Select(r => r.Key)];

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
