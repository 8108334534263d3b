namespace ReasonFlux.Grading;

/// <summary>
/// A product of indeterminates raised to positive integer powers (<c>x^2 y</c>); the empty product is 1.
/// Factors are kept sorted by name (ordinal), so two equal monomials have the same factor array. Immutable.
/// </summary>
internal sealed class Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private readonly (string Name, int Exponent)[] _factors;
    private readonly int _hash;

    private Monomial((string Name, int Exponent)[] factors)
    {
        _factors = factors;
        var hash = new HashCode();
        foreach (var (name, exponent) in factors)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(exponent);
            Degree += exponent;
        }
        _hash = hash.ToHashCode();
    }

    public static Monomial One { get; } = new([]);

    /// <summary>Total degree: the sum of the exponents.</summary>
    public int Degree { get; }

    public bool IsOne => _factors.Length == 0;

    public static Monomial Of(string name) => new([(name, 1)]);

    public Monomial Multiply(Monomial other)
    {
        if (other.IsOne) return this;
        if (IsOne) return other;
        // Merge of two sorted factor lists, adding exponents of shared names.
        var merged = new (string Name, int Exponent)[_factors.Length + other._factors.Length];
        int i = 0, j = 0, n = 0;
        while (i < _factors.Length && j < other._factors.Length)
        {
            var c = string.CompareOrdinal(_factors[i].Name, other._factors[j].Name);
            if (c < 0) merged[n++] = _factors[i++];
            else if (c > 0) merged[n++] = other._factors[j++];
            else merged[n++] = (_factors[i].Name, _factors[i++].Exponent + other._factors[j++].Exponent);
        }
        while (i < _factors.Length) merged[n++] = _factors[i++];
        while (j < other._factors.Length) merged[n++] = other._factors[j++];
        if (n < merged.Length) Array.Resize(ref merged, n);
        return new Monomial(merged);
    }

    public bool Equals(Monomial? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (_hash != other._hash || _factors.Length != other._factors.Length) return false;
        for (var k = 0; k < _factors.Length; k++)
        {
            if (_factors[k].Exponent != other._factors[k].Exponent || !string.Equals(_factors[k].Name, other._factors[k].Name, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is Monomial m && Equals(m);

    public override int GetHashCode() => _hash;

    /// <summary>Graded lexicographic order: higher total degree first, then by the factors name by name
    /// (a name earlier in the alphabet with a higher exponent first), so x^2 &lt; x y &lt; y^2 &lt; x &lt; 1.</summary>
    public int CompareTo(Monomial? other)
    {
        if (other is null) return -1;
        if (Degree != other.Degree) return other.Degree.CompareTo(Degree);
        for (var k = 0; k < Math.Min(_factors.Length, other._factors.Length); k++)
        {
            var c = string.CompareOrdinal(_factors[k].Name, other._factors[k].Name);
            if (c != 0) return c;
            if (_factors[k].Exponent != other._factors[k].Exponent) return other._factors[k].Exponent.CompareTo(_factors[k].Exponent);
        }
        return _factors.Length.CompareTo(other._factors.Length);
    }

    /// <summary>The canonical printed form, <c>x^2*y</c>; "1" for the empty product.</summary>
    public override string ToString() =>
        IsOne ? "1" : string.Join("*", _factors.Select(f => f.Exponent == 1 ? f.Name : $"{f.Name}^{f.Exponent}"));
}
