using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ReasonFlux.Models.Tests.Loopback;

/// <summary>
/// A real OpenAI-compatible HTTP server on 127.0.0.1 for tests. Replies are scripted per request
/// (<see cref="Enqueue"/>, in arrival order) with a fallback (<see cref="Responder"/>) once the script runs out.
/// Every request is recorded with its headers and exact body, and the server counts how many requests were in
/// flight at once and over how many TCP connections they came, so tests can assert what a client sent and how it behaved.
/// </summary>
public sealed class LoopbackChatServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<LoopbackReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<Task, byte> _handlers = new();
    private readonly ConcurrentDictionary<string, byte> _clientEndpoints = new(StringComparer.Ordinal);
    private readonly Task _acceptLoop;
    private int _arrivals;
    private int _inFlight;
    private int _maxInFlight;

    private LoopbackChatServer(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The OpenAI-style base URL clients are given: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/v1");

    /// <summary>The reply used once the script is empty. Defaults to a completion saying "ok".</summary>
    public Func<RecordedRequest, LoopbackReply> Responder { get; set; } = _ => LoopbackReply.Completion("ok");

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests.OrderBy(r => r.Index)];

    /// <summary>The largest number of requests that were being answered at the same moment.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>
    /// How many TCP connections carried requests, told apart by the client's address and port (each connection has its
    /// own local port while it is open): a client that reuses pooled connections shows a few, one that opens a connection
    /// per request shows one per request.
    /// </summary>
    public int Connections => _clientEndpoints.Count;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static LoopbackChatServer Start()
    {
        // HttpListener cannot bind port 0, so borrow a free port from the OS and retry if another process grabs it first.
        for (var attempt = 0; ; attempt++)
        {
            var port = UnusedPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackChatServer(listener, port);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    /// <summary>A loopback port nothing listens on right now (for "connection refused" tests).</summary>
    public static int UnusedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Queues replies for the next requests, in order.</summary>
    public void Enqueue(params LoopbackReply[] replies)
    {
        foreach (var reply in replies) _script.Enqueue(reply);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested || !_listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                continue;
            }
            var handler = Task.Run(() => HandleAsync(context));
            _handlers.TryAdd(handler, 0);
            _ = handler.ContinueWith(t => _handlers.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private static bool AsksForStream(RecordedRequest request) =>
        request.Json is JsonObject body && body["stream"] is JsonValue flag && flag.TryGetValue<bool>(out var stream) && stream;

    private async Task HandleAsync(HttpListenerContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, now, max) == max) break;
        }
        _clientEndpoints.TryAdd(context.Request.RemoteEndPoint?.ToString() ?? "", 0);
        var response = context.Response;
        var counted = true;
        // Leave the in-flight count before the last bytes go out: once the client has its whole reply it may start the
        // next call at once, and counting this one a moment longer would report concurrency that never happened.
        void Done()
        {
            if (!counted) return;
            counted = false;
            Interlocked.Decrement(ref _inFlight);
        }
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync(_stopping.Token).ConfigureAwait(false);
            }
            var request = new RecordedRequest(
                Interlocked.Increment(ref _arrivals) - 1,
                context.Request.HttpMethod,
                context.Request.Url?.AbsolutePath ?? "",
                new(context.Request.Headers),
                body);
            _requests.Enqueue(request);

            var reply = _script.TryDequeue(out var scripted) ? scripted : Responder(request);
            if (reply is { Events: not null, Whole: { } whole } && !AsksForStream(request))
                reply = whole with { Delay = reply.Delay, Headers = reply.Headers };
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stopping.Token).ConfigureAwait(false);

            response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers) response.AddHeader(name, value);
            response.ContentType = reply.ContentType;
            if (reply.Events is { } events)
            {
                response.SendChunked = true;
                for (var i = 0; i < events.Count; i++)
                {
                    var item = events[i];
                    if (reply.EventDelay > TimeSpan.Zero) await Task.Delay(reply.EventDelay, _stopping.Token).ConfigureAwait(false);
                    if (i == events.Count - 1) Done();
                    var bytes = Encoding.UTF8.GetBytes($"data: {item}\n\n");
                    await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
                    await response.OutputStream.FlushAsync(_stopping.Token).ConfigureAwait(false);
                }
                Done();
                if (reply.AbortAfterEvents)
                {
                    response.Abort();
                    return;
                }
            }
            else
            {
                var bytes = Encoding.UTF8.GetBytes(reply.Body);
                response.ContentLength64 = bytes.Length;
                Done();
                await response.OutputStream.WriteAsync(bytes, _stopping.Token).ConfigureAwait(false);
            }
            response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (cancelled, timed out) or the server is stopping: nothing to answer.
            response.Abort();
        }
        finally
        {
            Done();
        }
    }

    /// <summary>Stops listening, aborts replies still in progress and waits for their handlers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        await Task.WhenAll(_handlers.Keys).ConfigureAwait(false);
        _listener.Close();
        _stopping.Dispose();
    }
}
