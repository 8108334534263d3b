using ReasonFlux.Reasoning;

namespace ReasonFlux.Server;

/// <summary>
/// A model name the server answers to and how to build the solver for one request. Registering a further solver is one
/// more entry in <see cref="ReasonFluxServerOptions.Models"/>.
/// </summary>
/// <param name="Name">The name clients put in <c>model</c>, e.g. <c>reasonflux-direct</c>.</param>
/// <param name="CreateSolver">Builds the solver for one request from its sampling settings; may throw <see cref="ArgumentException"/> for settings it cannot honour (the client gets a 400).</param>
public sealed record ServedModel(string Name, Func<ChatRequestSettings, ISolver> CreateSolver);
