using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReasonFlux.Downloads.Tests;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that answers each request (one per connection) with whatever bytes the test writes,
/// so it can lie about sizes, flood, or hang up; it records the Range header of each request.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, string?, Stream, CancellationToken, Task> _answer;
    private readonly Task _loop;
    private int _requests;

    /// <param name="answer">Writes the response for request number n (from 0), given its Range header.</param>
    public RawHttpServer(Func<int, string?, Stream, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/file.bin");
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }
    public List<string?> Ranges { get; } = [];

    public static byte[] Head(int status, params string[] headers) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
                string? range = null;
                for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
                {
                    if (line.StartsWith("Range:", StringComparison.OrdinalIgnoreCase)) range = line[6..].Trim();
                }
                int number;
                lock (Ranges)
                {
                    Ranges.Add(range);
                    number = _requests++;
                }
                await _answer(number, range, stream, _stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
