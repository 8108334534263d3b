namespace ReasonFlux.Grading;

/// <summary>
/// A sparse multivariate polynomial with exact rational coefficients: its terms sorted by <see cref="Monomial"/>
/// order, no zero coefficients, so equal polynomials have equal term lists (a canonical form). Immutable.
/// </summary>
internal sealed class Polynomial : IEquatable<Polynomial>
{
    private readonly (Monomial Monomial, Rational Coefficient)[] _terms;

    private Polynomial((Monomial, Rational)[] sortedNonZeroTerms) => _terms = sortedNonZeroTerms;

    public static Polynomial Zero { get; } = new([]);
    public static Polynomial One { get; } = Constant(Rational.One);

    public static Polynomial Constant(Rational value) => value.IsZero ? Zero : new([(Monomial.One, value)]);

    public static Polynomial Indeterminate(string name) => new([(Monomial.Of(name), Rational.One)]);

    /// <summary>Bits of the largest numerator or denominator among the coefficients.</summary>
    private long CoefficientBits
    {
        get
        {
            if (_coefficientBits < 0)
            {
                long bits = 0;
                foreach (var (_, c) in _terms) bits = Math.Max(bits, Math.Max(c.Numerator.GetBitLength(), c.Denominator.GetBitLength()));
                _coefficientBits = bits;
            }
            return _coefficientBits;
        }
    }

    private long _coefficientBits = -1;
    public bool IsZero => _terms.Length == 0;

    /// <summary>The value of a constant polynomial (0 for the zero polynomial), or null.</summary>
    public Rational? ConstantValue => _terms.Length switch
    {
        0 => Rational.Zero,
        1 when _terms[0].Monomial.IsOne => _terms[0].Coefficient,
        _ => null,
    };

    /// <summary>The coefficient of the first term in canonical order (0 for the zero polynomial).</summary>
    public Rational LeadingCoefficient => _terms.Length == 0 ? Rational.Zero : _terms[0].Coefficient;

    public int Degree => _terms.Length == 0 ? 0 : _terms[0].Monomial.Degree;

    public Polynomial Add(Polynomial other, ExpansionMeter meter)
    {
        if (other.IsZero) return this;
        if (IsZero) return other;
        meter.Charge(_terms.Length + other._terms.Length);
        // Merge of two sorted term lists.
        var merged = new List<(Monomial, Rational)>(_terms.Length + other._terms.Length);
        int i = 0, j = 0;
        while (i < _terms.Length && j < other._terms.Length)
        {
            var c = _terms[i].Monomial.CompareTo(other._terms[j].Monomial);
            if (c < 0) merged.Add(_terms[i++]);
            else if (c > 0) merged.Add(other._terms[j++]);
            else
            {
                var sum = _terms[i].Coefficient + other._terms[j].Coefficient;
                if (!sum.IsZero) merged.Add((_terms[i].Monomial, sum));
                i++;
                j++;
            }
        }
        while (i < _terms.Length) merged.Add(_terms[i++]);
        while (j < other._terms.Length) merged.Add(other._terms[j++]);
        ExpansionMeter.CheckSize(merged.Count, 0);
        return new Polynomial([.. merged]);
    }

    public Polynomial Negate() => Scale(-Rational.One);

    public Polynomial Scale(Rational factor)
    {
        if (factor.IsZero) return Zero;
        if (factor == Rational.One) return this;
        var scaled = new (Monomial, Rational)[_terms.Length];
        for (var k = 0; k < _terms.Length; k++) scaled[k] = (_terms[k].Monomial, _terms[k].Coefficient * factor);
        return new Polynomial(scaled);
    }

    public Polynomial Multiply(Polynomial other, ExpansionMeter meter)
    {
        if (IsZero || other.IsZero) return Zero;
        if (ConstantValue is { } a) return other.Scale(a);
        if (other.ConstantValue is { } b) return Scale(b);
        ExpansionMeter.CheckSize(0, Degree + other.Degree);
        // Big coefficients cost by their size: a product of two 512-bit numbers counts as two.
        meter.Charge((long)_terms.Length * other._terms.Length * (1 + (CoefficientBits + other.CoefficientBits) / 512));
        var sums = new Dictionary<Monomial, Rational>(_terms.Length * other._terms.Length);
        foreach (var (m1, c1) in _terms)
        {
            foreach (var (m2, c2) in other._terms)
            {
                var m = m1.Multiply(m2);
                sums[m] = sums.TryGetValue(m, out var c) ? c + c1 * c2 : c1 * c2;
            }
        }
        var terms = new List<(Monomial, Rational)>(sums.Count);
        foreach (var (m, c) in sums) if (!c.IsZero) terms.Add((m, c));
        ExpansionMeter.CheckSize(terms.Count, 0);
        terms.Sort(static (x, y) => x.Item1.CompareTo(y.Item1));
        return new Polynomial([.. terms]);
    }

    /// <summary>This polynomial to a non-negative integer power, by repeated squaring.</summary>
    public Polynomial Pow(int exponent, ExpansionMeter meter)
    {
        if (exponent == 0) return One;
        if (ConstantValue is { } c) return Constant(c.Pow(exponent) ?? throw new CanonicalFormLimitException("a power too large to expand"));
        if ((long)Degree * exponent > ExpansionMeter.MaxDegree) throw new CanonicalFormLimitException($"a degree above {ExpansionMeter.MaxDegree}");
        var result = One;
        var square = this;
        for (var e = exponent; e > 0; e >>= 1)
        {
            if ((e & 1) == 1) result = result.Multiply(square, meter);
            if (e > 1) square = square.Multiply(square, meter);
        }
        return result;
    }

    public bool Equals(Polynomial? other)
    {
        if (other is null || other._terms.Length != _terms.Length) return false;
        for (var k = 0; k < _terms.Length; k++)
        {
            if (_terms[k].Coefficient != other._terms[k].Coefficient || !_terms[k].Monomial.Equals(other._terms[k].Monomial)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is Polynomial p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (m, c) in _terms) { hash.Add(m); hash.Add(c); }
        return hash.ToHashCode();
    }

    /// <summary>The canonical printed form, terms in monomial order: <c>x^2 + 2*x + 1</c>, <c>-1/2*x*y</c>, <c>0</c>.</summary>
    public override string ToString()
    {
        if (IsZero) return "0";
        var sb = new System.Text.StringBuilder();
        for (var k = 0; k < _terms.Length; k++)
        {
            var (m, c) = _terms[k];
            if (k > 0) sb.Append(c.Sign < 0 ? " - " : " + ");
            else if (c.Sign < 0) sb.Append('-');
            var magnitude = c.Sign < 0 ? -c : c;
            if (m.IsOne) sb.Append(magnitude.ToString());
            else if (magnitude == Rational.One) sb.Append(m.ToString());
            else sb.Append(magnitude.ToString()).Append('*').Append(m.ToString());
        }
        return sb.ToString();
    }
}
