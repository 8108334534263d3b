namespace ReasonFlux.Grading;

internal enum TokenKind
{
    Number,
    Letter,
    /// <summary>A known multi-letter word: function name, connector, unit, percent word.</summary>
    Word,
    /// <summary>A backslash command; <see cref="Token.Text"/> is the name without the backslash.</summary>
    Command,
    /// <summary>The contents of <c>\text{…}</c> and friends.</summary>
    TextBlock,
    Symbol,
    End,
}

/// <summary>One token; <paramref name="SpaceBefore"/> records whitespace before it (mixed numbers need it).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, bool SpaceBefore = false, bool NewlineBefore = false)
{
    public bool Is(string symbol) => (Kind == TokenKind.Symbol || Kind == TokenKind.Command) && Text == symbol;
    public override string ToString() => $"{Kind}:{Text}@{Position}";
}
