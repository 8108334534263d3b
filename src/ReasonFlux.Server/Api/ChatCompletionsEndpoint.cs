using System.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReasonFlux.Models;
using ReasonFlux.Reasoning;

namespace ReasonFlux.Server.Api;

/// <summary>
/// POST /v1/chat/completions: validate, take a concurrency slot (or 429), build the model's solver from the request
/// settings and solve under the request's abort token plus the solve timeout (504), answering as JSON or as SSE chunks.
/// </summary>
internal sealed class ChatCompletionsEndpoint(ReasonFluxServerOptions options, ChatRequestParser parser, ConcurrencyLimiter limiter, ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var requestId = ApiResponses.RequestId(http);
        var aborted = http.RequestAborted;
        var clock = Stopwatch.StartNew();
        try
        {
            ParsedChatRequest request;
            try
            {
                request = await parser.ParseAsync(http.Request, aborted).ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex)
            {
                throw ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? new ApiException(413, "invalid_request_error", $"the request body is over the limit of {options.MaxRequestBodyBytes} bytes", null, "request_too_large")
                    : ApiException.BadRequest($"the request could not be read: {ex.Message}", null);
            }

            using var lease = options.QueueLimit == 0 ? limiter.AttemptAcquire() : await limiter.AcquireAsync(1, aborted).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                var error = new ApiException(429, "rate_limit_error",
                    $"the server is solving {options.MaxConcurrentRequests} requests already (the limit); retry after the Retry-After header's seconds", null, "rate_limit_exceeded");
                ServerLog.Rejected(logger, requestId, error.Status, error.Type, error.Message);
                await ApiResponses.WriteErrorAsync(http, error, options.RetryAfter).ConfigureAwait(false);
                return;
            }

            ISolver solver;
            try
            {
                solver = request.Model.CreateSolver(request.Settings);
            }
            catch (ArgumentException ex)
            {
                throw ApiException.BadRequest(ex.Message.Split(" (Parameter", 2)[0], null);
            }

            ServerLog.Solving(logger, requestId, request.Model.Name, request.Stream, request.Settings.N);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            deadline.CancelAfter(options.SolveTimeout);
            var writer = new CompletionWriter(http, request, requestId);
            try
            {
                var solution = request.Stream
                    ? await StreamAsync(solver, request, writer, deadline.Token).ConfigureAwait(false)
                    : await CompleteAsync(solver, request, writer, deadline.Token).ConfigureAwait(false);
                ServerLog.Completed(logger, requestId, clock.ElapsedMilliseconds, solution.Usage.PromptTokens, solution.Usage.CompletionTokens);
            }
            catch (OperationCanceledException) when (aborted.IsCancellationRequested)
            {
                ServerLog.Disconnected(logger, requestId, clock.ElapsedMilliseconds);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                var error = new ApiException(504, "timeout_error", $"the solve did not finish within the server's limit of {options.SolveTimeout.TotalSeconds:0.###} s", null, "solve_timeout");
                await FailAsync(http, writer, error, requestId).ConfigureAwait(false);
            }
            catch (ModelException ex)
            {
                var error = new ApiException(502, "backend_error", ex.Message, null, "model_error");
                await FailAsync(http, writer, error, requestId).ConfigureAwait(false);
            }
        }
        catch (ApiException ex)
        {
            ServerLog.Rejected(logger, requestId, ex.Status, ex.Type, ex.Message);
            if (!http.Response.HasStarted) await ApiResponses.WriteErrorAsync(http, ex).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The client gets a 500 body for any failure; the log keeps the exception.
        catch (Exception ex) when (!aborted.IsCancellationRequested)
#pragma warning restore CA1031
        {
            ServerLog.Failed(logger, requestId, ex);
            var error = new ApiException(500, "server_error", $"the solve failed: {ex.Message}", null, "internal_error");
            await FailAsync(http, null, error, requestId).ConfigureAwait(false);
        }
    }

    private async Task FailAsync(HttpContext http, CompletionWriter? writer, ApiException error, string requestId)
    {
        ServerLog.Rejected(logger, requestId, error.Status, error.Type, error.Message);
        if (!http.Response.HasStarted) await ApiResponses.WriteErrorAsync(http, error).ConfigureAwait(false);
        else if (writer is not null) await writer.WriteStreamErrorAsync(error).ConfigureAwait(false);
    }

    private static async Task<Solution> CompleteAsync(ISolver solver, ParsedChatRequest request, CompletionWriter writer, CancellationToken ct)
    {
        var solution = await solver.SolveAsync(new SolveRequest(request.Problem) { StreamText = false }, ct).ConfigureAwait(false);
        await writer.WriteCompletionAsync(solution, ct).ConfigureAwait(false);
        return solution;
    }

    private static async Task<Solution> StreamAsync(ISolver solver, ParsedChatRequest request, CompletionWriter writer, CancellationToken ct)
    {
        // Headers go out with the first update, so a solve that fails or times out before producing anything still
        // gets a proper status code instead of a 200 stream that ends in an error event.
        await foreach (var update in solver.SolveStreamingAsync(new SolveRequest(request.Problem), ct).ConfigureAwait(false))
        {
            if (update.Solution is { } solution)
            {
                await writer.WriteStreamEndAsync(solution, ct).ConfigureAwait(false);
                return solution;
            }
            await writer.WriteUpdateAsync(update, ct).ConfigureAwait(false);
        }
        throw new InvalidOperationException($"{solver.GetType().Name} ended without a solution");
    }
}
