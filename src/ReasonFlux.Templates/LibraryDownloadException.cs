namespace ReasonFlux.Templates;

/// <summary>Downloading a template library failed: an HTTP error, or content that does not match its checksum.</summary>
public sealed class LibraryDownloadException : Exception
{
    public LibraryDownloadException() { }

    public LibraryDownloadException(string message) : base(message) { }

    public LibraryDownloadException(string message, Exception innerException) : base(message, innerException) { }
}
