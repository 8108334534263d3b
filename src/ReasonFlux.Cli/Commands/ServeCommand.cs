using System.CommandLine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using ReasonFlux.Models.Local;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Server;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux serve</c>: the OpenAI-compatible server over the solvers, until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var host = new Option<string>("--host") { Description = "Address to bind: an IP address or localhost (default 127.0.0.1; 0.0.0.0 exposes the server to the network).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port", "-p") { Description = "TCP port; 0 picks a free one (default 8080).", DefaultValueFactory = _ => 8080 };
        var key = new Option<string?>("--server-api-key") { Description = "Require 'Authorization: Bearer KEY' on /v1 requests (default: $REASONFLUX_SERVER_API_KEY, or none). --api-key is the key for --endpoint." };
        var maxRequests = new Option<int>("--max-requests") { Description = "Most requests solved at once; more get 429 with Retry-After (default 8).", DefaultValueFactory = _ => 8 };
        var queue = new Option<int>("--queue") { Description = "Requests that may wait for a free slot before 429 (default 0).", DefaultValueFactory = _ => 0 };
        var timeout = new Option<int>("--timeout") { Description = "Seconds a solve may run before the request fails with 504 (default 1800).", DefaultValueFactory = _ => 1800 };
        var maxBody = new Option<int>("--max-body-kb") { Description = "Largest request body in KiB; larger get 413 (default 1024).", DefaultValueFactory = _ => 1024 };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Default cap on tokens per choice when a request sets none (default 32768).", DefaultValueFactory = _ => 32_768 };
        var thinkingBudget = new Option<int?>("--thinking-budget") { Description = "Default s1 budget forcing: end thinking after N tokens and force the answer." };
        var minThinking = new Option<int?>("--min-thinking") { Description = "Default: replace an end of thinking before N tokens with \"Wait\"." };
        var cors = new Option<string[]>("--cors-origin") { Description = "A web origin (scheme://host[:port]) allowed to call the API from a browser; repeatable. Requests with any other Origin get 403 (default: none).", AllowMultipleArgumentsPerToken = true };
        var allowedHosts = new Option<string[]>("--allowed-hosts") { Description = "Host names accepted in the Host header besides localhost, 127.0.0.1 and [::1] (loopback binds refuse others with 403 against DNS rebinding); * accepts any; repeatable.", AllowMultipleArgumentsPerToken = true };
        var logLevel = new Option<LogLevel?>("--log-level") { Description = "Server log level: Trace, Debug, Information (a line per request), Warning (rejections and failures; the default), Error, Critical or None. Logging__LogLevel__* environment variables override it per category." };
        var models = new ModelOptionSet();
        // Only --library of the flux options: serve's own --timeout and --max-tokens already cover the rest, per request.
        var flux = new FluxOptionSet();

        var command = new Command("serve", "Serve ReasonFlux over the OpenAI Chat Completions API (models: reasonflux-direct, reasonflux-flux).")
        {
            host, port, key, maxRequests, queue, timeout, maxBody, maxTokens, thinkingBudget, minThinking, cors, allowedHosts, logLevel,
        };
        models.AddTo(command);
        command.Options.Add(flux.Library);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            if (parse.GetValue(maxBody) < 1) throw new UsageException("--max-body-kb must be at least 1");
            // Checked before the model loads, which can take minutes (or a download).
            var limits = new ReasonFluxServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                ApiKey = parse.GetValue(key) ?? NonEmpty(Environment.GetEnvironmentVariable("REASONFLUX_SERVER_API_KEY")),
                MaxConcurrentRequests = parse.GetValue(maxRequests),
                QueueLimit = parse.GetValue(queue),
                SolveTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxRequestBodyBytes = parse.GetValue(maxBody) * 1024L,
                CorsOrigins = parse.GetValue(cors) ?? [],
                AllowedHosts = parse.GetValue(allowedHosts) ?? [],
                Logging = logging => ConsoleLogging(logging, parse.GetValue(logLevel), parse.GetValue(CommonOptions.Verbose)),
            };
            limits.ValidateSettings();
            // The index is built before serving, so the first reasonflux-flux request does not wait for the embedder.
            var settings = models.ToSettings(parse, SolverKind.Direct) with
            {
                Direct = new() { MaxTokens = parse.GetValue(maxTokens), ThinkingBudget = parse.GetValue(thinkingBudget), MinThinking = parse.GetValue(minThinking) },
                Library = parse.GetValue(flux.Library),
                AlwaysOpenIndex = true,
            };
            settings.Validate();
            var output = parse.InvocationConfiguration.Output;
            using var solvers = await SolverHost.OpenAsync(settings, DownloadDisplay.Lines(parse.InvocationConfiguration.Error), token);
            if (parse.GetValue(CommonOptions.Verbose) && solvers.Inference?.GetService<GgufModel>() is { } local)
                await parse.InvocationConfiguration.Error.WriteLineAsync(local.Describe());
            await output.WriteLineAsync($"template index ready: {Quantity.Of(solvers.Index!.Templates.Count, "template")}{(solvers.Index.LoadedFromCache ? " (from cache)" : "")}");
            await using var server = await ReasonFluxServer.StartAsync(limits with { Models = ServedModels.From(solvers) }, token);
            await output.WriteLineAsync($"serving {solvers.ModelId} as {ServedModels.DirectName} and {ServedModels.FluxName} at {server.ApiBase} (Ctrl+C stops)");
            await output.FlushAsync(token);
            await server.WaitForShutdownAsync(token);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static ILoggingBuilder ConsoleLogging(ILoggingBuilder logging, LogLevel? level, bool verbose) => logging
        .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; })
        .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
        .AddFilter("Microsoft", LogLevel.Warning)
        // A failed start (address in use) is reported as the one-line error; the host's own log would repeat it with a stack.
        .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
        // Two info lines per request cost a fifth of the throughput under load, so requests are logged only on asking.
        .SetMinimumLevel(level ?? (verbose ? LogLevel.Debug : LogLevel.Warning));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
