namespace ReasonFlux.Grading;

/// <summary>
/// Bounds expansion into canonical form: term products (weighted by coefficient size), terms per polynomial and
/// total degree. The term-product allowance is the grading's, shared by all its comparisons (a set of ten items
/// compares up to a hundred pairs), and every product is also charged to its <see cref="WorkBudget"/>, so the work
/// is counted, not timed.
/// </summary>
internal sealed class ExpansionMeter(WorkBudget budget)
{
    /// <summary>Weighted term products one grading may spend on canonical forms before they give way to
    /// evaluation: a few tens of milliseconds at most.</summary>
    public const int MaxTermProducts = 20_000;

    /// <summary>Terms in one polynomial: (x+y+z)^{20} has 231, (x+1)^{200} has 201.</summary>
    public const int MaxTerms = 2_000;

    /// <summary>Total degree of one monomial, and the largest integer power that is expanded.</summary>
    public const int MaxDegree = 256;

    public void Charge(long termProducts)
    {
        budget.TermProducts += termProducts;
        budget.Charge(termProducts);
        if (budget.TermProducts > MaxTermProducts) throw new CanonicalFormLimitException($"more than {MaxTermProducts} term products");
    }

    public static void CheckSize(int terms, int degree)
    {
        if (terms > MaxTerms) throw new CanonicalFormLimitException($"a polynomial with more than {MaxTerms} terms");
        if (degree > MaxDegree) throw new CanonicalFormLimitException($"a degree above {MaxDegree}");
    }
}
