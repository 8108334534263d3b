namespace ReasonFlux.Grading;

/// <summary>
/// When a decimal is close enough to a value. Two finite values of the same sign are equal when they differ by at most
/// 10^-places (Math-Verify's absolute rule) and also by at most 0.1% of their size (1% at 3 places or fewer), so values far below 10^-places
/// (4.6e-24 against 7.27e-7) are never equal; values far above 1 also agree within a relative 1e-9. A gold written in
/// scientific notation (4.6e-24, 4.6\times10^{-24}) was rounded to its significant figures: a prediction that rounds to
/// it at those figures (4.57e-24) is equal, when it has at least two (1e35 is not 9e34). Two plain number literals, one of them a decimal, are also equal when the
/// one with more figures rounds to the other at its figures, if that has at least three (20.39 and 20.4; not 2.5 and 3).
/// </summary>
internal static class NumericTolerance
{
    public static bool Equal(double gold, double pred, int decimalPlaces, int goldSignificantDigits = 0)
    {
        if (gold == pred) return true;
        if (!double.IsFinite(gold) || !double.IsFinite(pred)) return false;
        var diff = Math.Abs(gold - pred);
        var scale = Math.Max(Math.Abs(gold), Math.Abs(pred));
        if (gold == 0 || pred == 0) return false; // 1.6e-30 is not 0 (equal values were caught above)
        if (Math.Sign(gold) != Math.Sign(pred)) return false;
        if (diff <= 1e-9 * scale) return true;
        if (goldSignificantDigits >= 2)
        {
            var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(gold))) - goldSignificantDigits + 1);
            if (diff <= 0.5 * unit * (1 + 1e-9)) return true;
        }
        var absolute = Math.Pow(10, -decimalPlaces);
        return diff <= absolute * (1 + 1e-9) && diff <= Math.Max(1e-3, 10 * absolute) * scale;
    }

    /// <summary>Two number literals, one written to fewer significant figures (at least 3): equal when the other
    /// rounds to it there ("20.4" and "20.39", "671" and "671.02", "4.0319" and "4.03188").</summary>
    public static bool RoundedEqual(Num a, Num b)
    {
        if (!a.FromDecimal && !b.FromDecimal) return false;
        var (da, db) = (Digits(a), Digits(b));
        var (coarse, fine, digits) = da <= db ? (a, b, da) : (b, a, db);
        if (digits < 3 || coarse.Value.IsZero) return false;
        var c = coarse.Value.ToDouble();
        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(c))) - digits + 1);
        return Math.Abs(fine.Value.ToDouble() - c) <= 0.5 * unit * (1 + 1e-9);
    }

    /// <summary>Two values each written to known significant figures (a literal or scientific notation, 0 when not):
    /// <see cref="RoundedEqual(Num, Num)"/> for "7.353e14" and "7.35\times10^{14}".</summary>
    public static bool RoundedEqual(double a, int da, double b, int db)
    {
        if (da == 0 || db == 0 || a == 0 || b == 0) return false;
        var (coarse, fine, digits) = da <= db ? (a, b, da) : (b, a, db);
        if (digits < 3) return false;
        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(coarse))) - digits + 1);
        return Math.Abs(fine - coarse) <= 0.5 * unit * (1 + 1e-9);
    }

    /// <summary>The significant figures a value is written to: a decimal literal's, or a scientific form's; 0 otherwise.</summary>
    public static int WrittenDigits(Expr e) => e switch
    {
        Neg n => WrittenDigits(n.Operand),
        Num { FromDecimal: true } num => num.Digits,
        _ => ScientificDigits(e),
    };

    private static int Digits(Num n) => n.Digits > 0 ? n.Digits : IntegerDigits(n.Value);

    /// <summary>The significant digits of a gold written in scientific notation: <c>4.6e-24</c>, <c>4.6\times10^{-24}</c>,
    /// <c>-3\cdot10^{8}</c>; 0 for any other gold.</summary>
    public static int ScientificDigits(Expr gold) => gold switch
    {
        Neg n => ScientificDigits(n.Operand),
        Num { Scientific: true } num => num.Digits,
        Product { Factors: [Num mantissa, Power { Base: Num { Value: var ten }, Exponent: var k }] } when ten == new Rational(10, 1) && IsInteger(k)
            => mantissa.Digits > 0 ? mantissa.Digits : IntegerDigits(mantissa.Value),
        Power { Base: Num { Value: var ten }, Exponent: var k } when ten == new Rational(10, 1) && IsInteger(k) => 1,
        _ => 0,
    };

    private static bool IsInteger(Expr e) => e is Num { Value.IsInteger: true } || e is Neg { Operand: Num { Value.IsInteger: true } };

    private static int IntegerDigits(Rational value)
    {
        if (!value.IsInteger || value.IsZero) return 0;
        var s = System.Numerics.BigInteger.Abs(value.Numerator).ToString(System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0');
        return Math.Max(1, s.Length);
    }
}
