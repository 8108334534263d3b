using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ReasonFlux.Templates;

namespace ReasonFlux.Cli.Tests;

public sealed class TemplatesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-cli-templates-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string Shared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException(name);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Validate_accepts_the_official_library_with_a_one_line_summary()
    {
        var (code, output, _) = await Run("templates", "validate", Shared("template_library.json"));
        Assert.Equal(0, code);
        Assert.Contains("valid: 420 templates in 18 chapters, 7 warning(s)", output);
    }

    [Fact]
    public async Task Validate_prints_every_problem_and_exits_1()
    {
        var path = Write("bad.json", """
            {"Algebra": {"Linear": [
              {"template_name": "", "template_type": "Method", "knowledge_tag": ["x"], "description": "d",
               "application_scenario": "s", "reason_flow": "one step", "example_application": "e"}
            ]}}
            """);
        var (code, output, _) = await Run("templates", "validate", path);
        Assert.Equal(1, code);
        Assert.Contains("$[\"Algebra\"][\"Linear\"][0].template_name: must not be empty (line 2)", output);
        Assert.Contains("$[\"Algebra\"][\"Linear\"][0].reason_flow: expected a list of strings, found a string (line 3)", output);
        Assert.Contains("invalid: 2 error(s)", output);
    }

    [Fact]
    public async Task Validate_of_a_missing_file_is_a_usage_error()
    {
        var (code, _, error) = await Run("templates", "validate", Path.Combine(_dir, "nope.json"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: template library not found", error);
    }

    [Fact]
    public async Task List_shows_the_starter_library_by_default()
    {
        var (code, output, _) = await Run("templates", "list");
        Assert.Equal(0, code);
        Assert.Contains("characteristic-equation-for-linear-recurrences\tCharacteristic Equation for Linear Recurrences\tSequences and Series / Recurrences", output);
        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 60);
    }

    [Fact]
    public async Task Show_prints_a_template_and_its_original_json()
    {
        var (code, output, _) = await Run("templates", "show", "stars-and-bars-for-distributing-identical-objects");
        Assert.Equal(0, code);
        Assert.Contains("Answer: 84", output);
        var (jsonCode, json, _) = await Run("templates", "show", "stars-and-bars-for-distributing-identical-objects", "--json");
        Assert.Equal(0, jsonCode);
        Assert.Equal("Stars and Bars for Distributing Identical Objects", JsonNode.Parse(json)!["template_name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Show_of_an_unknown_id_is_a_usage_error()
    {
        var (code, _, error) = await Run("templates", "show", "no-such-template");
        Assert.Equal(2, code);
        Assert.Contains("no template with id \"no-such-template\"", error);
    }

    [Fact]
    public async Task Stats_counts_the_official_library_by_chapter()
    {
        var (code, output, _) = await Run("templates", "stats", "--library", Shared("template_library.json"), "--json");
        Assert.Equal(0, code);
        var stats = JsonNode.Parse(output)!;
        Assert.Equal(420, stats["templates"]!.GetValue<int>());
        Assert.Equal(18, stats["chapters"]!.AsObject().Count);
        Assert.Equal(7, stats["duplicate_names"]!.GetValue<int>());
    }

    [Fact]
    public async Task Search_json_returns_ranked_ids_names_and_scores()
    {
        var (code, output, error) = await Run("templates", "search", "How many positive divisors does 360 have?", "-k", "3", "--json", "--cache-dir", _dir);
        Assert.True(code == 0, error);
        var hits = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(3, hits.Count);
        Assert.Contains(hits, h => h!["id"]!.GetValue<string>() == "counting-divisors-from-the-prime-factorisation");
        Assert.True(hits[0]!["score"]!.GetValue<double>() >= hits[1]!["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task Search_that_builds_the_index_is_quiet_on_stderr_when_not_a_terminal()
    {
        var (code, output, error) = await Run("templates", "search", "roots of a quadratic", "-k", "2", "--cache-dir", _dir);
        Assert.True(code == 0, error);
        Assert.Equal(2, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("", error); // the bar and the closing time are for a terminal only
    }

    [Fact]
    public async Task Search_hierarchical_uses_category_direction_and_method()
    {
        var (code, output, error) = await Run("templates", "search", "--category", "Geometry", "--direction", "Circles", "--method", "Power of a Point", "--json", "--cache-dir", _dir);
        Assert.True(code == 0, error);
        Assert.Equal("power-of-a-point", JsonNode.Parse(output)!.AsArray()[0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_without_query_or_method_is_a_usage_error()
    {
        var (code, _, error) = await Run("templates", "search", "--cache-dir", _dir);
        Assert.Equal(2, code);
        Assert.Contains("give a QUERY", error);
    }

    [Fact]
    public async Task Eval_retrieval_json_prints_the_four_metrics()
    {
        var (code, output, error) = await Run("templates", "eval-retrieval", "--json", "--cache-dir", _dir);
        Assert.True(code == 0, error);
        var report = JsonNode.Parse(output)!;
        // Every starter template has a worked example, so each is one query.
        Assert.Equal(TemplateLibrary.LoadStarter().Templates.Count, report["queries"]!.GetValue<int>());
        Assert.InRange(report["recall_at_5"]!.GetValue<double>(), report["recall_at_1"]!.GetValue<double>(), 1.0);
        Assert.NotNull(report["mrr"]);
    }

    [Fact]
    public async Task Eval_retrieval_piped_prints_only_the_table_and_no_index_progress()
    {
        var library = Write("small.json", """
            {"Sequences": {"Recurrences": [
              {"template_name": "Linear Recurrence Method", "template_type": "Problem Solving Method", "knowledge_tag": ["Sequences"],
               "application_scenario": "A sequence is defined by a recurrence.", "description": "Solve a linear recurrence.", "reason_flow": ["Write it", "Solve it"],
               "example_application": {"example_problem": "a_1 = 1, a_{n+1} = 2a_n. Find a_5."}},
              {"template_name": "Telescoping Sum", "template_type": "Problem Solving Method", "knowledge_tag": ["Series"],
               "application_scenario": "A sum of fractions.", "description": "Make the sum collapse.", "reason_flow": ["Decompose", "Cancel"],
               "example_application": {"example_problem": "Sum 1/(k(k+1)) for k = 1..n."}}
            ]}}
            """);
        var (code, output, error) = await Run("templates", "eval-retrieval", "--library", library, "--cache-dir", Path.Combine(_dir, "fresh"));
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + RetrievalEvaluation.StandardChoices.Count, lines.Length); // library line, header, one row per choice
        Assert.DoesNotContain("built in", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', output);
        Assert.Equal("", error); // the progress line and the index time are for a terminal only
    }

    [Fact]
    public async Task Pull_downloads_from_the_overridden_url_into_the_cache()
    {
        var bytes = File.ReadAllBytes(Shared("template_library.upstream-head.json"));
        using var listener = StartServer(bytes, out var url);
        var (code, output, error) = await Run("templates", "pull", "--url", url, "--cache-dir", _dir);
        Assert.True(code == 0, error);
        var path = output.Trim();
        Assert.Equal(bytes, File.ReadAllBytes(path));
        var (listCode, listed, _) = await Run("templates", "list", "--library", "official", "--cache-dir", _dir);
        Assert.Equal(0, listCode);
        Assert.Equal(420, listed.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Pull_rejects_a_checksum_mismatch_with_exit_1()
    {
        using var listener = StartServer("{\"x\": {}}"u8.ToArray(), out var url);
        var (code, _, error) = await Run("templates", "pull", "--url", url, "--cache-dir", _dir);
        Assert.Equal(1, code);
        Assert.Contains("expected db7875e3", error);
    }

    private static HttpListener StartServer(byte[] body, out string url)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        _ = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                try
                {
                    var context = await listener.GetContextAsync();
                    await context.Response.OutputStream.WriteAsync(body);
                    context.Response.Close();
                }
                catch (Exception) when (!listener.IsListening) { return; }
                catch (HttpListenerException) { return; }
            }
        });
        url = $"http://127.0.0.1:{port}/template_library.json";
        return listener;
    }
}
