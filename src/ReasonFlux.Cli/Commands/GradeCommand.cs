using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Grading;
using ReasonFlux.Reasoning;
using ReasonFlux.Templates;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux grade</c>: compare one prediction with a gold answer, or grade a file of cases.</summary>
internal static class GradeCommand
{
    private static readonly JsonSerializerOptions Compact = CliJson.Compact;

    public static Command Create()
    {
        var gold = new Option<string?>("--gold", "-g") { Description = "The gold answer (bare: \"\\frac{1}{2}\", \"B\", \"33\")." };
        var pred = new Option<string?>("--pred", "-p") { Description = "The prediction: a full model reply or a bare answer." };
        var kind = new Option<string>("--kind", "-k")
        {
            Description = "auto (choice when the gold is a letter), math, integer (AIME 0-999) or choice.",
            DefaultValueFactory = _ => "auto",
        };
        kind.AcceptOnlyFromAmong("auto", "math", "integer", "choice");
        var cases = new Option<FileInfo?>("--cases")
        {
            Description = "A JSONL file of cases: {\"gold\",\"pred\" (or \"reply\"),\"expected\"?,\"category\"? (or \"benchmark\"),\"precision\"?,\"id\"?} per line.",
        };
        var misses = new Option<bool>("--misses") { Description = "With --cases: also list every case graded against its expected verdict (line, gold, extracted answer, reason)." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "With --cases: write one JSON verdict per case to this file." };
        var precision = new Option<int?>("--precision")
        {
            Description = "Decimal places for comparing decimals with exact values (default 6; a case's \"precision\" wins).",
        };
        var json = CommonOptions.Json();
        var command = new Command("grade", "Decide whether a predicted answer is equivalent to the gold answer.")
        {
            gold, pred, kind, cases, output, precision, misses, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            // The grader clamps to 0-15 places; a value outside is a typo, not a wish.
            if (parse.GetValue(precision) is < 0 or > 15) throw new UsageException($"--precision must be between 0 and 15 (got {parse.GetValue(precision)})");
            var answerKind = ParseKind(parse.GetValue(kind));
            var casesFile = parse.GetValue(cases);
            var options = new GradingOptions { Precision = parse.GetValue(precision) };
            if (casesFile is not null)
            {
                if (parse.GetValue(gold) is not null || parse.GetValue(pred) is not null)
                    throw new UsageException("--cases grades a file; do not combine it with --gold/--pred");
                var summary = await GradeCasesAsync(casesFile, parse.GetValue(output), answerKind, options, parse.InvocationConfiguration.Error, token);
                await WriteSummaryAsync(parse.InvocationConfiguration.Output, summary, parse.GetValue(json), parse.GetValue(misses));
                return ExitCodes.Success;
            }
            if (parse.GetValue(output) is not null) throw new UsageException("--out needs --cases");
            if (parse.GetValue(misses)) throw new UsageException("--misses needs --cases");
            var g = parse.GetValue(gold) ?? throw new UsageException("give --gold and --pred, or --cases FILE");
            var p = parse.GetValue(pred) ?? throw new UsageException("give --pred with --gold");
            var verdict = Grader.Grade(g, p, answerKind, options);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) await writer.WriteLineAsync(VerdictJson(verdict).ToJsonString(Compact));
            else
            {
                await writer.WriteLineAsync(verdict.Equivalent ? "equivalent" : "different");
                await writer.WriteLineAsync($"gold: {Describe(verdict.Gold)}");
                await writer.WriteLineAsync($"pred: {Describe(verdict.Predicted)}");
                await writer.WriteLineAsync($"reason: {verdict.Reason}");
            }
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static AnswerKind ParseKind(string? kind) => kind switch
    {
        null or "auto" => AnswerKind.Auto,
        "math" => AnswerKind.Math,
        "integer" => AnswerKind.Integer,
        "choice" => AnswerKind.Choice,
        _ => throw new UsageException($"--kind {kind}: expected auto, math, integer or choice"),
    };

    private static string Describe(ExtractedAnswer? answer) => answer is null ? "(none found)" : $"{TerminalText.Clean(answer.Text)}  [{answer.Rule}]";

    private static JsonObject VerdictJson(Verdict v) => new()
    {
        ["equivalent"] = v.Equivalent,
        ["reason"] = v.Reason,
        ["gold"] = v.Gold is null ? null : new JsonObject { ["text"] = v.Gold.Text, ["rule"] = v.Gold.Rule },
        ["pred"] = v.Predicted is null ? null : new JsonObject { ["text"] = v.Predicted.Text, ["rule"] = v.Predicted.Rule },
    };

    private static async Task<GradeSummary> GradeCasesAsync(FileInfo file, FileInfo? outFile, AnswerKind kind, GradingOptions options, TextWriter error, CancellationToken ct)
    {
        if (!file.Exists) throw new FileNotFoundException($"{file.FullName}: cases file not found", file.FullName);
        var summary = new GradeSummary();
        await using var verdicts = outFile is null ? null : new StreamWriter(outFile.FullName);
        var clock = Stopwatch.StartNew();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file.FullName))
        {
            ct.ThrowIfCancellationRequested();
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            GradeCase c;
            try
            {
                c = GradeCase.Parse(line);
            }
            catch (FormatException ex)
            {
                summary.Malformed++;
                await error.WriteLineAsync($"{file.Name}:{lineNumber}: {ex.Message}");
                continue;
            }
            var caseOptions = c.Precision is { } p ? options with { Precision = p } : options;
            Verdict verdict;
            try
            {
                verdict = Grader.Grade(c.Gold, c.Pred, kind, caseOptions);
            }
#pragma warning disable CA1031 // One case the grader cannot handle is reported on its line; the run goes on, as documented.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                summary.Malformed++;
                await error.WriteLineAsync($"{file.Name}:{lineNumber}: grading failed: {ex.Message}");
                continue;
            }
            summary.Add(c, verdict, lineNumber);
            if (verdicts is not null)
            {
                var record = VerdictJson(verdict);
                record["line"] = lineNumber;
                record["expected"] = c.Expected;
                record["agree"] = c.Expected is { } e ? e == verdict.Equivalent : null;
                record["category"] = c.Category;
                await verdicts.WriteLineAsync(record.ToJsonString(Compact));
            }
        }
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private static async Task WriteSummaryAsync(TextWriter writer, GradeSummary s, bool json, bool listMisses)
    {
        if (json)
        {
            var summary = s.ToJson();
            if (listMisses) summary["misses"] = new JsonArray([.. s.Misses.Select(MissJson)]);
            await writer.WriteLineAsync(summary.ToJsonString(Compact));
            return;
        }
        await writer.WriteLineAsync($"cases: {s.Total}  equivalent: {s.Equivalent}  malformed lines: {s.Malformed}");
        if (s.WithExpected > 0)
        {
            await writer.WriteLineAsync($"agreement with expected: {s.Agree}/{s.WithExpected} ({100.0 * s.Agree / s.WithExpected:0.0}%)");
            foreach (var (category, (total, agree)) in s.ByCategory.OrderBy(k => k.Key, StringComparer.Ordinal))
                await writer.WriteLineAsync($"  {category}: {agree}/{total}");
        }
        await writer.WriteLineAsync($"speed: {s.CasesPerSecond:0} cases/s ({s.Elapsed.TotalMilliseconds:0} ms)");
        if (!listMisses) return;
        await writer.WriteLineAsync($"misses: {s.Misses.Count} of {s.WithExpected} cases with an expected verdict");
        foreach (var m in s.Misses) await writer.WriteLineAsync(MissLine(m));
    }

    /// <summary>One line per miss; everything from the data file goes through <see cref="VisibleText"/>.</summary>
    private static string MissLine(Miss m)
    {
        var id = m.Id is null ? "" : $" ({VisibleText.Of(m.Id, 40)})";
        var extracted = m.Verdict.Predicted is { } p ? $"{VisibleText.Of(p.Text)} [{p.Rule}]" : "(none found)";
        return $"line {m.Line}{id}: expected {Word(m.Expected)}, graded {Word(m.Verdict.Equivalent)} | gold: {VisibleText.Of(m.Gold)} | extracted: {extracted} | reason: {VisibleText.Of(m.Verdict.Reason)}";
    }

    private static string Word(bool equivalent) => equivalent ? "equivalent" : "different";

    private static JsonObject MissJson(Miss m) => new()
    {
        ["line"] = m.Line,
        ["id"] = m.Id,
        ["expected"] = m.Expected,
        ["equivalent"] = m.Verdict.Equivalent,
        ["gold"] = m.Gold,
        ["extracted"] = m.Verdict.Predicted?.Text,
        ["rule"] = m.Verdict.Predicted?.Rule,
        ["reason"] = m.Verdict.Reason,
    };

    /// <summary>A case whose verdict differs from its expected one.</summary>
    private sealed record Miss(int Line, string? Id, string Gold, bool Expected, Verdict Verdict);

    /// <summary>One line of a <c>grade --cases</c> file.</summary>
    private sealed record GradeCase(string Gold, string Pred, bool? Expected, string Category, int? Precision, string? Id)
    {
        /// <summary>Reads one JSON line; <see cref="FormatException"/> names the field that is wrong.</summary>
        public static GradeCase Parse(string line)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"not valid JSON ({JsonErrorText.Describe(ex)})", ex);
            }
            using (doc)
            {
                // Every string is read through StringValue, which also takes lone surrogate escapes.
                return FromObject(doc.RootElement);
            }
        }

        private static GradeCase FromObject(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("expected a JSON object");
            return new GradeCase(
                RequiredString(root, "gold"),
                // Corpus files (bench Data/real-replies) name the reply "reply" and group by "benchmark".
                root.TryGetProperty("pred", out _) || !root.TryGetProperty("reply", out _) ? RequiredString(root, "pred") : RequiredString(root, "reply"),
                root.TryGetProperty("expected", out var e) ? e.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Null => null,
                    _ => throw new FormatException("field \"expected\" must be true or false"),
                } : null,
                OptionalString(root, "category") ?? OptionalString(root, "benchmark") ?? "(none)",
                root.TryGetProperty("precision", out var p) && p.ValueKind != JsonValueKind.Null
                    ? p.TryGetInt32(out var digits) && digits is >= 0 and <= 15 ? digits : throw new FormatException("field \"precision\" must be an integer from 0 to 15")
                    : null,
                OptionalString(root, "id"));
        }

        private static string? OptionalString(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? StringValue(v) : null;

        private static string RequiredString(JsonElement root, string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                ? StringValue(v)
                : throw new FormatException($"field \"{name}\" is missing or not a string");

        /// <summary>The string, also when it escapes a lone surrogate ("\ud800"): valid JSON that System.Text.Json
        /// refuses to decode, and a reply the grader must still grade.</summary>
        private static string StringValue(JsonElement v)
        {
            try
            {
                return v.GetString()!;
            }
            catch (InvalidOperationException)
            {
                var raw = v.GetRawText();
                return System.Text.RegularExpressions.Regex.Unescape(raw[1..^1]);
            }
        }
    }

    /// <summary>Counts for <c>grade --cases</c>: agreement overall and per category, malformed lines, speed.</summary>
    private sealed class GradeSummary
    {
        public int Total { get; private set; }
        public int Equivalent { get; private set; }
        public int WithExpected { get; private set; }
        public int Agree { get; private set; }
        public int Malformed { get; set; }
        public TimeSpan Elapsed { get; set; }
        public Dictionary<string, (int Total, int Agree)> ByCategory { get; } = new(StringComparer.Ordinal);
        public List<Miss> Misses { get; } = [];
        public double CasesPerSecond => Elapsed.TotalSeconds > 0 ? Total / Elapsed.TotalSeconds : 0;

        public void Add(GradeCase c, Verdict v, int line)
        {
            Total++;
            if (v.Equivalent) Equivalent++;
            if (c.Expected is not { } expected) return;
            WithExpected++;
            var agree = expected == v.Equivalent;
            if (agree) Agree++;
            else Misses.Add(new Miss(line, c.Id, c.Gold, expected, v));
            var (total, agreeCount) = ByCategory.GetValueOrDefault(c.Category);
            ByCategory[c.Category] = (total + 1, agreeCount + (agree ? 1 : 0));
        }

        public JsonObject ToJson()
        {
            var categories = new JsonObject();
            foreach (var (name, (total, agree)) in ByCategory.OrderBy(k => k.Key, StringComparer.Ordinal))
                categories[name] = new JsonObject { ["total"] = total, ["agree"] = agree };
            return new JsonObject
            {
                ["total"] = Total,
                ["agree"] = Agree,
                ["with_expected"] = WithExpected,
                ["equivalent"] = Equivalent,
                ["malformed"] = Malformed,
                ["agreement"] = WithExpected > 0 ? Math.Round((double)Agree / WithExpected, 4) : null,
                ["by_category"] = categories,
                ["cases_per_second"] = Math.Round(CasesPerSecond, 1),
                ["elapsed_ms"] = Math.Round(Elapsed.TotalMilliseconds, 1),
            };
        }
    }
}
