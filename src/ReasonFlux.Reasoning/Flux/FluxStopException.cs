namespace ReasonFlux.Reasoning.Flux;

/// <summary>A budget (tokens or time) ended the solve; the solver answers with what it has.</summary>
internal sealed class FluxStopException(string reason) : Exception(reason);
