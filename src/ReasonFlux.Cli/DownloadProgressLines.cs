using System.Globalization;
using ReasonFlux.Models.Hub;

namespace ReasonFlux.Cli;

/// <summary>Download progress as a plain line every 10%, for logs and pipes where a live bar would be noise.</summary>
internal sealed class DownloadProgressLines(TextWriter writer) : IProgress<DownloadProgress>
{
    private int _lastStep = -1;

    public static DownloadProgressLines To(TextWriter writer) => new(writer);

    public void Report(DownloadProgress value)
    {
        var step = value.Fraction is { } f ? (int)(f * 10) : (int)(value.BytesDone / 100_000_000);
        if (Interlocked.Exchange(ref _lastStep, step) == step) return;
        var total = value.TotalBytes is { } t ? $"/{t / 1e6:F1} MB" : " MB";
        var eta = value.Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{value.File.File}: {value.BytesDone / 1e6:F1}{total} at {value.BytesPerSecond / 1e6:F1} MB/s{eta}"));
    }
}
