using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>
/// Spreads calls over several backends (e.g. one vLLM server per GPU node): each call goes to the backend with the
/// fewest calls in flight. A backend that cannot be reached is set aside for <see cref="Cooldown"/> and the call
/// moves to the next one before anything was streamed, so one server down of several costs no samples.
/// </summary>
public sealed class LeastOutstandingChatClient : IChatClient
{
    private readonly Backend[] _backends;
    private readonly Func<DateTimeOffset> _now;

    /// <summary>Creates the client; it owns and disposes the backends.</summary>
    public LeastOutstandingChatClient(IReadOnlyList<IChatClient> backends, TimeSpan? cooldown = null, Func<DateTimeOffset>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(backends);
        if (backends.Count == 0) throw new ArgumentException("at least one backend is needed", nameof(backends));
        _backends = [.. backends.Select((c, i) => new Backend(c, i))];
        Cooldown = cooldown ?? TimeSpan.FromSeconds(30);
        _now = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <summary>How long an unreachable backend is skipped (while others are up). Default 30 s.</summary>
    public TimeSpan Cooldown { get; }

    /// <summary>Calls each backend has received, by position (for tests and reports).</summary>
    public IReadOnlyList<long> CallsPerBackend => [.. _backends.Select(b => Interlocked.Read(ref b.Calls))];

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var tried = new HashSet<int>();
        while (true)
        {
            var backend = Pick(tried);
            backend.Enter();
            try
            {
                return await backend.Client.GetResponseAsync(list, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (Unreachable(ex) && !cancellationToken.IsCancellationRequested && tried.Count < _backends.Length)
            {
                backend.MarkDown(_now() + Cooldown);
            }
            finally
            {
                backend.Leave();
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var tried = new HashSet<int>();
        while (true)
        {
            var backend = Pick(tried);
            backend.Enter();
            try
            {
                var updates = backend.Client.GetStreamingResponseAsync(list, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                await using (updates.ConfigureAwait(false))
                {
                    bool any;
                    try
                    {
                        any = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (Unreachable(ex) && !cancellationToken.IsCancellationRequested && tried.Count < _backends.Length)
                    {
                        // Nothing was streamed yet, so another backend can take the call without the caller seeing text twice.
                        backend.MarkDown(_now() + Cooldown);
                        continue;
                    }
                    if (!any) yield break;
                    yield return updates.Current;
                    while (await updates.MoveNextAsync().ConfigureAwait(false)) yield return updates.Current;
                    yield break;
                }
            }
            finally
            {
                backend.Leave();
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(LeastOutstandingChatClient) ? this : _backends[0].Client.GetService(serviceType, serviceKey);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var b in _backends) b.Client.Dispose();
    }

    private Backend Pick(HashSet<int> tried)
    {
        var now = _now();
        // Prefer backends that are up; when all untried ones are down, try the one that went down first anyway.
        var candidates = _backends.Where(b => !tried.Contains(b.Index)).ToList();
        var up = candidates.Where(b => b.DownUntil <= now.UtcTicks).ToList();
        var pool = up.Count > 0 ? up : candidates;
        var best = pool.OrderBy(b => Volatile.Read(ref b.InFlight)).ThenBy(b => Interlocked.Read(ref b.Calls)).ThenBy(b => b.DownUntil).First();
        tried.Add(best.Index);
        return best;
    }

    /// <summary>A failure that says the server is not there (refused, reset, unknown host), not that it refused this request.</summary>
    private static bool Unreachable(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
            if (ex is HttpRequestException { StatusCode: null } or SocketException) return true;
        return false;
    }

    private sealed class Backend(IChatClient client, int index)
    {
        public readonly IChatClient Client = client;
        public readonly int Index = index;
        public int InFlight;
        public long Calls;
        private long _downUntil;

        /// <summary>UTC ticks until which the backend is skipped (read and written from many calls at once).</summary>
        public long DownUntil => Interlocked.Read(ref _downUntil);

        public void MarkDown(DateTimeOffset until) => Interlocked.Exchange(ref _downUntil, until.UtcTicks);

        public void Enter()
        {
            Interlocked.Increment(ref InFlight);
            Interlocked.Increment(ref Calls);
        }

        public void Leave() => Interlocked.Decrement(ref InFlight);
    }
}
