using System.Numerics;

namespace ReasonFlux.Grading;

/// <summary>An exact fraction in lowest terms with a positive denominator.</summary>
internal readonly record struct Rational
{
    /// <summary>Bits allowed in a numerator or denominator; bigger results are over the work bound.</summary>
    public const int MaxBits = 1 << 15;

    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException();
        if (denominator.Sign < 0) { numerator = -numerator; denominator = -denominator; }
        if (!denominator.IsOne)
        {
            var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!g.IsOne && !g.IsZero) { numerator /= g; denominator /= g; }
        }
        if (numerator.IsZero) denominator = BigInteger.One;
        if (numerator.GetBitLength() > MaxBits || denominator.GetBitLength() > MaxBits)
            throw new BudgetExceededException("a number has more than 32768 bits");
        Numerator = numerator;
        Denominator = denominator;
    }

    public static Rational Zero { get; } = new(0, 1);
    public static Rational One { get; } = new(1, 1);
    public bool IsZero => Numerator.IsZero;
    public bool IsInteger => Denominator.IsOne;
    public int Sign => Numerator.Sign;

    public static Rational FromInteger(BigInteger value) => new(value, BigInteger.One);

    public static Rational operator +(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);
    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Rational operator /(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Integer power, or null when the result would be too large to be worth computing exactly.</summary>
    public Rational? Pow(BigInteger exponent)
    {
        if (exponent.IsZero) return One;
        if (IsZero) return exponent.Sign > 0 ? Zero : null;
        var bits = Math.Max(Numerator.GetBitLength(), Denominator.GetBitLength());
        if (BigInteger.Abs(exponent) > MaxBits || bits * (long)BigInteger.Abs(exponent) > MaxBits) return null;
        var n = (int)BigInteger.Abs(exponent);
        var result = new Rational(BigInteger.Pow(Numerator, n), BigInteger.Pow(Denominator, n));
        return exponent.Sign > 0 ? result : One / result;
    }

    /// <summary>The exact n-th root when there is one (e.g. sqrt(9/4) = 3/2), otherwise null.</summary>
    public Rational? Root(int n)
    {
        if (n <= 0) return null;
        if (Sign < 0) return n % 2 == 1 ? -(-this).Root(n) : null;
        var p = IntegerRoot(Numerator, n);
        var q = IntegerRoot(Denominator, n);
        return p is { } a && q is { } b ? new Rational(a, b) : null;
    }

    private static BigInteger? IntegerRoot(BigInteger value, int n)
    {
        if (value.IsZero || value.IsOne) return value;
        var guess = new BigInteger(Math.Round(Math.Pow((double)value, 1.0 / n)));
        for (var d = -1; d <= 1; d++)
        {
            var candidate = guess + d;
            if (candidate.Sign >= 0 && BigInteger.Pow(candidate, n) == value) return candidate;
        }
        return null;
    }

    public double ToDouble()
    {
        var n = (double)Numerator / (double)Denominator;
        if (double.IsFinite(n)) return n;
        // Both parts overflowed a double: scale them down together first.
        var shift = Math.Max(Numerator.GetBitLength(), Denominator.GetBitLength()) - 1000;
        return shift > 0 ? (double)(Numerator >> (int)shift) / (double)(Denominator >> (int)shift) : n;
    }

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public override string ToString() => IsInteger ? Numerator.ToString() : $"{Numerator}/{Denominator}";
}
