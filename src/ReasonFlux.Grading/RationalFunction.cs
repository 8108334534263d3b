namespace ReasonFlux.Grading;

/// <summary>
/// A quotient of two polynomials, not reduced (no polynomial GCD): p1/q1 and p2/q2 are the same function exactly
/// when p1·q2 = p2·q1, which <see cref="SameAs"/> tests on canonical forms. The denominator is never zero.
/// </summary>
internal sealed record RationalFunction(Polynomial Numerator, Polynomial Denominator)
{
    public static RationalFunction Of(Polynomial p) => new(p, Polynomial.One);

    public static RationalFunction Constant(Rational value) => Of(Polynomial.Constant(value));

    /// <summary>The value when both parts are constants, otherwise null.</summary>
    public Rational? ConstantValue =>
        Numerator.ConstantValue is { } n && Denominator.ConstantValue is { } d ? n / d : null;

    public RationalFunction Add(RationalFunction other, ExpansionMeter meter)
    {
        // Same denominators (common when a sum of fractions shares one) need no cross products.
        if (Denominator.Equals(other.Denominator)) return new(Numerator.Add(other.Numerator, meter), Denominator);
        return new RationalFunction(
            Numerator.Multiply(other.Denominator, meter).Add(other.Numerator.Multiply(Denominator, meter), meter),
            Denominator.Multiply(other.Denominator, meter)).Normalized();
    }

    public RationalFunction Negate() => new(Numerator.Negate(), Denominator);

    public RationalFunction Multiply(RationalFunction other, ExpansionMeter meter) =>
        new RationalFunction(Numerator.Multiply(other.Numerator, meter), Denominator.Multiply(other.Denominator, meter)).Normalized();

    /// <summary>The quotient, or null when the divisor is the zero polynomial.</summary>
    public RationalFunction? Divide(RationalFunction other, ExpansionMeter meter) =>
        other.Numerator.IsZero
            ? null
            : new RationalFunction(Numerator.Multiply(other.Denominator, meter), Denominator.Multiply(other.Numerator, meter)).Normalized();

    /// <summary>An integer power; null for a negative power of zero.</summary>
    public RationalFunction? Pow(int exponent, ExpansionMeter meter)
    {
        if (exponent >= 0) return new RationalFunction(Numerator.Pow(exponent, meter), Denominator.Pow(exponent, meter)).Normalized();
        if (Numerator.IsZero) return null;
        return new RationalFunction(Denominator.Pow(-exponent, meter), Numerator.Pow(-exponent, meter)).Normalized();
    }

    /// <summary>Whether both are the same function: p1·q2 = p2·q1.</summary>
    public bool SameAs(RationalFunction other, ExpansionMeter meter) =>
        Numerator.Multiply(other.Denominator, meter).Equals(other.Numerator.Multiply(Denominator, meter));

    /// <summary>Scaled so the denominator's leading coefficient is 1 and a zero numerator has denominator 1, which
    /// makes printed keys of atoms' arguments (and most comparisons) independent of how a fraction was written.</summary>
    private RationalFunction Normalized()
    {
        if (Numerator.IsZero) return Denominator.Equals(Polynomial.One) ? this : Of(Polynomial.Zero);
        var lead = Denominator.LeadingCoefficient;
        if (lead == Rational.One) return this;
        var inverse = Rational.One / lead;
        return new RationalFunction(Numerator.Scale(inverse), Denominator.Scale(inverse));
    }

    /// <summary>The canonical printed form: <c>(x^2 - 1)/(x - 1)</c>, or the numerator alone over 1.</summary>
    public override string ToString() =>
        Denominator.Equals(Polynomial.One) ? Numerator.ToString() : $"({Numerator})/({Denominator})";
}
