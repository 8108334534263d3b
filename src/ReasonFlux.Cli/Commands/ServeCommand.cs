using System.CommandLine;
using Microsoft.Extensions.Logging;
using ReasonFlux.Models;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;
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
        var models = new ModelOptionSet();
        // Only --library of the flux options: serve's own --timeout and --max-tokens already cover the rest, per request.
        var flux = new FluxOptionSet();

        var command = new Command("serve", "Serve ReasonFlux over the OpenAI Chat Completions API (models: reasonflux-direct, reasonflux-flux).")
        {
            host, port, key, maxRequests, queue, timeout, maxBody, maxTokens, thinkingBudget, minThinking,
        };
        models.AddTo(command);
        command.Options.Add(flux.Library);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var defaults = new DirectSolverOptions
            {
                MaxTokens = parse.GetValue(maxTokens),
                ThinkingBudget = parse.GetValue(thinkingBudget),
                MinThinking = parse.GetValue(minThinking),
            };
            UsageException.Check(defaults.Validate);
            if (parse.GetValue(timeout) < 1) throw new UsageException("--timeout must be at least 1 second");
            if (parse.GetValue(maxBody) < 1) throw new UsageException("--max-body-kb must be at least 1");

            var spec = models.ToSpec(parse);
            var error = parse.InvocationConfiguration.Error;
            var output = parse.InvocationConfiguration.Output;
            // Built before serving, as `solve --mode flux` does, so the first reasonflux-flux request does not wait for the embedder.
            var index = await flux.OpenIndexAsync(parse, parse.GetValue(models.CacheDir), token);
            await output.WriteLineAsync($"template index ready: {Quantity.Of(index.Templates.Count, "template")}{(index.LoadedFromCache ? " (from cache)" : "")}");
            using var session = await ModelLoader.OpenAsync(spec, DownloadDisplay.Lines(error), ModelPipeline.For(parse, models, label: "serve"), token);
            var options = new ReasonFluxServerOptions
            {
                Host = parse.GetValue(host)!,
                Port = parse.GetValue(port),
                ApiKey = parse.GetValue(key) ?? NonEmpty(Environment.GetEnvironmentVariable("REASONFLUX_SERVER_API_KEY")),
                MaxConcurrentRequests = parse.GetValue(maxRequests),
                QueueLimit = parse.GetValue(queue),
                SolveTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MaxRequestBodyBytes = parse.GetValue(maxBody) * 1024L,
                Models =
                [
                    ServedModels.Direct(session.Client, defaults with { StartsInThinking = session.Format?.OpensThinking }),
                    ServedModels.Flux(session.Client, session.Client, index, new FluxSolverOptions { InferenceStartsInThinking = session.Format?.OpensThinking }),
                ],
                Logging = logging => logging
                    .AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss "; })
                    .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace)
                    .AddFilter("Microsoft", LogLevel.Warning)
                    // A failed start (address in use) is reported as the one-line error; the host's own log would repeat it with a stack.
                    .AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)
                    .SetMinimumLevel(parse.GetValue(CommonOptions.Verbose) ? LogLevel.Debug : LogLevel.Information),
            };
            ReasonFluxServer server;
            try
            {
                server = await ReasonFluxServer.StartAsync(options, token);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            catch (IOException ex)
            {
                throw new IOException($"cannot listen on {options.Host}:{options.Port}: {ex.Message}", ex);
            }
            await using (server)
            {
                await output.WriteLineAsync($"serving {session.ModelId} as {ServedModels.DirectName} and {ServedModels.FluxName} at {server.ApiBase} (Ctrl+C stops)");
                await output.FlushAsync(token);
                await server.WaitForShutdownAsync(token);
            }
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
