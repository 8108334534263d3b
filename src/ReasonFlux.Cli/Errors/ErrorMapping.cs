using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Training.Configs;

namespace ReasonFlux.Cli.Errors;

/// <summary>
/// The one place that turns a failure into what the user sees: the exit code, and a one-line message in the words of the
/// command line. Libraries throw typed exceptions that carry the setting, value, file or remedy; only here do they
/// become flags.
/// </summary>
internal static class ErrorMapping
{
    /// <summary>Usage errors are the user's input (exit 2); model errors come from a backend (3); everything else is a failed run (1).</summary>
    public static int ExitCodeFor(Exception ex) => ex switch
    {
        UsageException or SettingException or StoreConflictException or TrainConfigException => ExitCodes.Usage,
        BenchmarkFormatException or TraceFormatException or FormatException => ExitCodes.Usage,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.Usage,
        ArgumentException and not ArgumentNullException => ExitCodes.Usage,
        ModelException => ExitCodes.ModelError,
        _ => ExitCodes.Failure,
    };

    /// <summary>The message for <paramref name="ex"/> as one line, naming the options of <paramref name="commandPath"/> ("reasonflux eval").</summary>
    public static string MessageFor(Exception ex, string commandPath) => OneLine(ex switch
    {
        SettingException setting => setting.Describe(SettingFlags.For(setting.Setting, commandPath), "pass"),
        StoreConflictException conflict => Describe(conflict),
        BenchmarkDownloadException download =>
            $"{download.Benchmark}: {download.Problem}; download it yourself and pass {SettingFlags.For(BenchmarkDownloadException.LocalCopy, commandPath)}",
        BenchmarkFormatException { IsMissingField: true } format when commandPath == "reasonflux eval" =>
            $"{format.Location}: missing (map another field with --field-problem/--field-answer)",
        ModelException { Remedy: not ModelRemedy.None } model => ModelException.Compose(model.Problem, model.Remedy, Describe(model.Remedy)),
        ArgumentException argument => argument.Message.Split(" (Parameter '", 2)[0],
        _ => ex.Message,
    });

    private static string Describe(StoreConflictException ex) => ex.Conflict switch
    {
        StoreConflict.NotAFolder => $"{ex.Path} is a file; --out names the folder that holds {ex.Holds}",
        StoreConflict.AlreadyExists => $"{ex.Path} already holds {ex.Holds}; pass --resume to continue it or choose another --out",
        _ => $"{ex.Path} was started with other settings ({string.Join("; ", ex.Differences)}); resume with the original settings or choose another --out",
    };

    private static string Describe(ModelRemedy remedy) => remedy switch
    {
        ModelRemedy.CheckEndpoint => "check the --endpoint URL",
        ModelRemedy.CheckApiKey => $"pass --api-key or set {OpenAIEndpoint.ApiKeyVariable}",
        ModelRemedy.CheckModelName => "check --model and that the URL ends with the API path, e.g. /v1",
        ModelRemedy.GiveModelName => "pass --model NAME (the name the server serves)",
        ModelRemedy.RaiseContextSize => "raise --ctx-size",
        ModelRemedy.UseEndpoint => "to use a model served over HTTP pass --endpoint URL --model NAME",
        ModelRemedy.RunWithoutHub => "To run without the hub, pass a local model with --model PATH.gguf, or a server with --endpoint URL --model NAME.",
        _ => "",
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
