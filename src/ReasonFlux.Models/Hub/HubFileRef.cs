using System.Text.RegularExpressions;

namespace ReasonFlux.Models.Hub;

/// <summary>
/// One file in a Hugging Face model repository at one revision, written <c>hf:OWNER/REPO/FILE.gguf[@REVISION]</c>.
/// </summary>
public sealed partial record HubFileRef
{
    /// <summary>The prefix that marks a <c>--model</c> value as a hub reference.</summary>
    public const string Scheme = "hf:";

    /// <summary>Creates a reference; throws <see cref="FormatException"/> naming the bad part.</summary>
    /// <param name="owner">User or organisation, e.g. <c>Qwen</c>.</param>
    /// <param name="repo">Repository name, e.g. <c>Qwen2.5-0.5B-Instruct-GGUF</c>.</param>
    /// <param name="file">Path of the file inside the repository; may contain folders.</param>
    /// <param name="revision">Branch, tag or commit hash. Default <c>main</c>.</param>
    public HubFileRef(string owner, string repo, string file, string revision = "main")
    {
        Owner = CheckName(owner, "owner");
        Repo = CheckName(repo, "repository");
        File = CheckFile(file);
        Revision = CheckRevision(revision);
    }

    /// <summary>User or organisation that owns the repository.</summary>
    public string Owner { get; }

    /// <summary>Repository name.</summary>
    public string Repo { get; }

    /// <summary>Path of the file inside the repository, with forward slashes.</summary>
    public string File { get; }

    /// <summary>Branch, tag or commit hash the file is taken from.</summary>
    public string Revision { get; }

    /// <summary>
    /// SHA-256 (lower-case hex) the downloaded bytes must have, pinned by the caller; null to rely on the
    /// checksum the hub reports. When both exist they must agree.
    /// </summary>
    public string? Sha256
    {
        get;
        init => field = value is null ? null : Sha256Pattern().IsMatch(value)
            ? value.ToLowerInvariant()
            : throw new FormatException($"sha256 '{value}' for {Owner}/{Repo}/{File}: expected 64 hex digits");
    }

    /// <summary><c>OWNER/REPO</c>.</summary>
    public string RepoId => $"{Owner}/{Repo}";

    /// <summary>True when <paramref name="text"/> starts with <c>hf:</c> and should be parsed as a hub reference.</summary>
    public static bool IsHubReference(string? text) => text is not null && text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses <c>hf:OWNER/REPO/FILE.gguf</c> or <c>hf:OWNER/REPO/FILE.gguf@REVISION</c> (the <c>hf:</c> prefix is optional).
    /// Throws <see cref="FormatException"/> that quotes the text and says which part is wrong.
    /// </summary>
    public static HubFileRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = IsHubReference(text) ? text[Scheme.Length..] : text;
        var revision = "main";
        var at = body.LastIndexOf('@');
        if (at >= 0)
        {
            revision = body[(at + 1)..];
            body = body[..at];
            if (revision.Length == 0) throw Bad(text, "nothing after '@': give a branch, tag or commit, or drop the '@'");
        }

        var parts = body.Split('/', 3);
        if (parts.Length < 3 || parts[2].Length == 0)
            throw Bad(text, parts.Length < 2 ? "missing the repository and file parts" : "missing the file part");
        if (!parts[2].EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
            throw Bad(text, $"file '{parts[2]}' is not a .gguf file");

        try
        {
            return new HubFileRef(parts[0], parts[1], parts[2], revision);
        }
        catch (FormatException ex)
        {
            throw Bad(text, ex.Message);
        }
    }

    /// <summary>The canonical text form, <c>hf:OWNER/REPO/FILE@REVISION</c>.</summary>
    public override string ToString() => $"{Scheme}{Owner}/{Repo}/{File}@{Revision}";

    private static FormatException Bad(string text, string why) =>
        new($"model reference '{text}': {why} (expected hf:OWNER/REPO/FILE.gguf or hf:OWNER/REPO/FILE.gguf@REVISION)");

    private static string CheckName(string value, string what)
    {
        if (string.IsNullOrEmpty(value)) throw new FormatException($"empty {what} name");
        // Hub names: letters, digits, '-', '_', '.'; never starting with '.'/'-' and never '..' (keeps cache paths safe).
        if (!NamePattern().IsMatch(value) || value.Contains("..", StringComparison.Ordinal))
            throw new FormatException($"{what} '{value}' may only hold letters, digits, '-', '_' and '.', and must start with a letter or digit");
        return value;
    }

    private static string CheckFile(string value)
    {
        if (string.IsNullOrEmpty(value)) throw new FormatException("empty file name");
        if (value.Contains('\\', StringComparison.Ordinal) || value.StartsWith('/') || value.EndsWith('/'))
            throw new FormatException($"file '{value}' must be a relative path with forward slashes");
        foreach (var segment in value.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || segment.Contains(':', StringComparison.Ordinal))
                throw new FormatException($"file '{value}' has an invalid path segment '{segment}'");
        }

        return value;
    }

    private static string CheckRevision(string value)
    {
        if (string.IsNullOrEmpty(value)) throw new FormatException("empty revision");
        if (!RevisionPattern().IsMatch(value) || value.Contains("..", StringComparison.Ordinal))
            throw new FormatException($"revision '{value}' may only hold letters, digits, '-', '_', '.' and '/'");
        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$")]
    private static partial Regex RevisionPattern();

    [GeneratedRegex("^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
