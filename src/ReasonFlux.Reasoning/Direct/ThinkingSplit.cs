namespace ReasonFlux.Reasoning.Direct;

/// <summary>Splits a reply into its thinking block and the answer after it.</summary>
public static class ThinkingSplit
{
    private const string Open = "<think>";

    /// <summary>
    /// Thinking is everything before the end marker (without an opening tag). With no end marker, a reply that opened
    /// thinking (by tag or because the prompt did) is all thinking, cut short; any other reply is all answer.
    /// </summary>
    public static (string Thinking, string Answer) Split(string text, bool startsInThinking, string endMarker = "</think>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.TrimStart();
        var tagged = body.StartsWith(Open, StringComparison.Ordinal);
        if (tagged) body = body[Open.Length..];
        var end = body.IndexOf(endMarker, StringComparison.Ordinal);
        if (end >= 0) return (body[..end].Trim(), body[(end + endMarker.Length)..].Trim());
        return tagged || startsInThinking ? (body.Trim(), "") : ("", text.Trim());
    }
}
