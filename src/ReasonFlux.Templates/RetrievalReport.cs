namespace ReasonFlux.Templates;

/// <summary>Retrieval quality for one choice of embedded text: each template's example problem must find the template.</summary>
/// <param name="Fields">The text that was embedded per template.</param>
/// <param name="Scoring">How templates were scored.</param>
/// <param name="Queries">Templates that have an example problem (one query each).</param>
/// <param name="RecallAt1">Share of queries whose template ranks first.</param>
/// <param name="RecallAt5">Share of queries whose template is in the top 5.</param>
/// <param name="Mrr">Mean reciprocal rank.</param>
public sealed record RetrievalReport(TemplateTextFields Fields, TemplateScoring Scoring, int Queries, double RecallAt1, double RecallAt5, double Mrr);
