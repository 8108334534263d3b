using ReasonFlux.Cli.Errors;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Reasoning;
using ReasonFlux.Training.Configs;

namespace ReasonFlux.Cli.Tests;

/// <summary>The one mapping from library exceptions to exit codes and to lines that name the flags the user typed.</summary>
public sealed class ErrorMappingTests
{
    [Fact]
    public void A_refused_setting_is_named_by_its_flag_with_the_value()
    {
        var ex = Assert.Throws<SettingException>(() => new SamplingOptions { Temperature = 3 }.Validate());
        Assert.Equal("temperature must be between 0 and 2 (got 3)", ex.Message);
        Assert.Equal("--temperature must be between 0 and 2 (got 3)", ErrorMapping.MessageFor(ex, "reasonflux solve"));
        Assert.Equal(ExitCodes.Usage, ErrorMapping.ExitCodeFor(ex));
    }

    [Fact]
    public async Task A_missing_setting_says_which_flag_to_pass()
    {
        using var dir = new TempFolder();
        var request = new TrainConfigRequest { Preset = TrainPreset.F1, BaseModel = "b", Dataset = "d", Nnodes = 2 };
        var ex = await Assert.ThrowsAsync<SettingException>(() => TrainConfigWriter.WriteAsync(request, dir.File("t.yaml"), TestContext.Current.CancellationToken));
        Assert.Equal("2 nodes need the address of node 0: pass --master-addr", ErrorMapping.MessageFor(ex, "reasonflux train config"));
    }

    [Fact]
    public void The_local_copy_of_a_benchmark_is_the_option_of_the_command_at_hand()
    {
        var ex = new BenchmarkDownloadException("math500", "HTTP 404");
        Assert.Equal("math500: HTTP 404; download it yourself and pass --data PATH", ErrorMapping.MessageFor(ex, "reasonflux eval"));
        Assert.Equal("math500: HTTP 404; download it yourself and pass --benchmark PATH (a local copy)", ErrorMapping.MessageFor(ex, "reasonflux data pairs"));
    }

    [Fact]
    public async Task A_failed_benchmark_download_in_eval_names_the_data_option()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Error(404, "not here");
        using var dir = new TempFolder();
        var run = await CliRun.RunAsync("eval", "--benchmark", "math500", "--solver", "reference", "--out", dir.File("run"),
            "--cache-dir", dir.File("cache"), "--data-url", $"http://127.0.0.1:{server.Port}/x.jsonl");
        Assert.Contains("download it yourself and pass --data PATH", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void A_run_folder_in_use_points_at_resume_and_out()
    {
        var ex = new RunConflictException("/runs/a", StoreConflict.AlreadyExists);
        Assert.Equal("/runs/a already holds a run; pass --resume to continue it or choose another --out", ErrorMapping.MessageFor(ex, "reasonflux eval"));
        Assert.Equal(ExitCodes.Usage, ErrorMapping.ExitCodeFor(ex));
    }

    [Fact]
    public void A_missing_benchmark_field_suggests_the_field_options_only_where_they_exist()
    {
        var ex = BenchmarkFormatException.MissingField("b.jsonl", 2, "answer");
        Assert.Equal("b.jsonl:2: field 'answer': missing (map another field with --field-problem/--field-answer)", ErrorMapping.MessageFor(ex, "reasonflux eval"));
        Assert.DoesNotContain("--field", ErrorMapping.MessageFor(ex, "reasonflux data pairs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModelRemedy.CheckApiKey, "http://h/v1 rejected the API key (HTTP 401); pass --api-key or set OPENAI_API_KEY")]
    [InlineData(ModelRemedy.RaiseContextSize, "http://h/v1 rejected the API key (HTTP 401); raise --ctx-size")]
    [InlineData(ModelRemedy.None, "http://h/v1 rejected the API key (HTTP 401)")]
    public void A_model_failure_names_the_flag_that_gets_past_it(ModelRemedy remedy, string expected)
    {
        var ex = new ModelBackendException("http://h/v1 rejected the API key (HTTP 401)", remedy);
        Assert.Equal(expected, ErrorMapping.MessageFor(ex, "reasonflux solve"));
        Assert.Equal(ExitCodes.ModelError, ErrorMapping.ExitCodeFor(ex));
    }

    [Fact]
    public void A_hub_that_cannot_be_reached_suggests_a_local_model_or_a_server()
    {
        var ex = new ModelDownloadException("x.gguf: download failed: cannot reach h.", ModelRemedy.RunWithoutHub);
        Assert.Equal(
            "x.gguf: download failed: cannot reach h. To run without the hub, pass a local model with --model PATH.gguf, or a server with --endpoint URL --model NAME.",
            ErrorMapping.MessageFor(ex, "reasonflux solve"));
    }

    [Fact]
    public void A_setting_error_with_a_plain_message_keeps_it()
    {
        var ex = new SettingException("the whole message");
        Assert.Equal("the whole message", ex.Message);
        Assert.Equal("the whole message", ErrorMapping.MessageFor(ex, "reasonflux solve"));
    }

    [Fact]
    public void A_bug_is_a_failed_run_not_a_usage_error()
    {
        Assert.Equal(ExitCodes.Failure, ErrorMapping.ExitCodeFor(new InvalidOperationException("x")));
        Assert.Equal(ExitCodes.Failure, ErrorMapping.ExitCodeFor(new ArgumentNullException("x")));
    }

    [Fact]
    public void A_message_of_several_lines_is_printed_as_one()
    {
        Assert.Equal("a b", ErrorMapping.MessageFor(new InvalidOperationException("a\nb"), "reasonflux solve"));
    }

    private sealed class TempFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("rf-errors-").FullName;

        public string File(string name) => Path.Combine(_path, name);

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
