namespace ReasonFlux.Grading;

/// <summary>
/// Bounds one expansion into canonical form: term products, terms per polynomial and total degree. Every term
/// product is also charged to the grading's <see cref="WorkBudget"/>, so the work is counted, not timed.
/// </summary>
internal sealed class ExpansionMeter(WorkBudget budget)
{
    /// <summary>Term products one comparison may spend on canonical forms before falling back to evaluation.</summary>
    public const int MaxTermProducts = 50_000;

    /// <summary>Terms in one polynomial: (x+y+z)^{20} has 231, (x+1)^{200} has 201.</summary>
    public const int MaxTerms = 2_000;

    /// <summary>Total degree of one monomial, and the largest integer power that is expanded.</summary>
    public const int MaxDegree = 256;

    private int _products;

    public void Charge(int termProducts)
    {
        _products += termProducts;
        budget.Charge(termProducts);
        if (_products > MaxTermProducts) throw new CanonicalFormLimitException($"more than {MaxTermProducts} term products");
    }

    public static void CheckSize(int terms, int degree)
    {
        if (terms > MaxTerms) throw new CanonicalFormLimitException($"a polynomial with more than {MaxTerms} terms");
        if (degree > MaxDegree) throw new CanonicalFormLimitException($"a degree above {MaxDegree}");
    }
}
