using System.Globalization;
using ReasonFlux.Downloads;
using ReasonFlux.Models.Hub;
using Spectre.Console;

namespace ReasonFlux.Cli;

/// <summary>
/// Shows download progress while some work runs: a live bar with size, speed and ETA in a terminal, plain lines on
/// stderr otherwise (one per 10% step), so logs and pipes stay readable.
/// </summary>
internal static class DownloadDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter output, TextWriter error, string label, bool clearWhenDone, Func<IProgress<DownloadProgress>, Task<T>> work)
    {
        if (!Terminal.IsTerminal(output)) return await work(new ProgressLines(error));
        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(clearWhenDone)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(label), autoStart: true, maxValue: 1);
                task.IsIndeterminate = true;
                result = await work(new Synchronous(p =>
                {
                    if (p.TotalBytes is long size)
                    {
                        task.IsIndeterminate = false;
                        task.MaxValue = size;
                    }
                    task.Value = p.BytesDone;
                    // Speed and ETA come from the hub client, which knows what was resumed rather than downloaded now.
                    var total = p.TotalBytes is long t ? $"/{Size(t)}" : "";
                    task.Description = Markup.Escape($"{p.File.File}  {Size(p.BytesDone)}{total}  {Speed(p.BytesPerSecond)}  ETA {Eta(p.Eta)}");
                }));
                task.Value = task.MaxValue;
                task.StopTask();
            });
        return result;
    }

    /// <summary>Plain progress lines only, for commands whose output is a log (eval runs).</summary>
    public static IProgress<DownloadProgress> Lines(TextWriter error) => new ProgressLines(error);

    /// <summary>Plain progress lines for a download outside the hub (the MiniLM model's package), in the same format.</summary>
    public static IProgress<TransferProgress> Lines(TextWriter error, string file) => new TransferLines(error, file);

    internal static string Size(long bytes) => bytes switch
    {
        >= 1_000_000_000 => (bytes / 1e9).ToString("0.00' GB'", CultureInfo.InvariantCulture),
        >= 1_000_000 => (bytes / 1e6).ToString("0.0' MB'", CultureInfo.InvariantCulture),
        >= 1_000 => (bytes / 1e3).ToString("0.0' kB'", CultureInfo.InvariantCulture),
        _ => $"{bytes} B",
    };

    private static string Speed(double bytesPerSecond) => $"{Size((long)bytesPerSecond)}/s";

    private static string Eta(TimeSpan? eta) => eta is { } t ? t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture) : "?";

    /// <summary>Progress as plain lines on stderr (stdout keeps only results): one per 10% step, and the last.</summary>
    private sealed class ProgressLines(TextWriter error) : IProgress<DownloadProgress>
    {
        private readonly StepLines _lines = new(error);

        public void Report(DownloadProgress value) => _lines.Report(value.File.ToString(), value.BytesDone, value.TotalBytes, value.BytesPerSecond, value.Eta);
    }

    private sealed class TransferLines(TextWriter error, string file) : IProgress<TransferProgress>
    {
        private readonly StepLines _lines = new(error);

        public void Report(TransferProgress value) => _lines.Report(file, value.BytesDone, value.TotalBytes, value.BytesPerSecond, value.Eta);
    }

    private sealed class StepLines(TextWriter error)
    {
        private int _lastStep = -1;

        public void Report(string file, long done, long? totalBytes, double bytesPerSecond, TimeSpan? eta)
        {
            double? fraction = totalBytes is > 0 ? Math.Min(1.0, (double)done / totalBytes.Value) : null;
            var step = fraction is { } f ? (int)(f * 10) : (int)(done / 100_000_000);
            if (Interlocked.Exchange(ref _lastStep, step) == step) return;
            var percent = fraction is { } p ? (p * 100).ToString("0", CultureInfo.InvariantCulture) + "% " : "";
            var total = totalBytes is long t ? $"/{Size(t)}" : "";
            error.WriteLine($"downloading {file}: {percent}{Size(done)}{total}, {Speed(bytesPerSecond)}, ETA {Eta(eta)}");
        }
    }

    /// <summary>Runs the callback on the reporting thread, in order (<see cref="Progress{T}"/> would post it elsewhere).</summary>
    private sealed class Synchronous(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
