using Microsoft.Extensions.AI;
using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Server;

/// <summary>The served models ReasonFlux ships.</summary>
public static class ServedModels
{
    /// <summary>The name of the direct long chain-of-thought model.</summary>
    public const string DirectName = "reasonflux-direct";

    /// <summary>
    /// <c>reasonflux-direct</c>: a <see cref="DirectSolver"/> over <paramref name="client"/>. Each request's settings override
    /// <paramref name="defaults"/>: max tokens, temperature, top-p, seed, <c>n</c> as the number of samples, and stop sequences.
    /// </summary>
    public static ServedModel Direct(IChatClient client, DirectSolverOptions? defaults = null, string name = DirectName)
    {
        ArgumentNullException.ThrowIfNull(client);
        var baseline = defaults ?? new DirectSolverOptions();
        return new ServedModel(name, settings =>
        {
            var options = baseline with
            {
                MaxTokens = settings.MaxTokens ?? baseline.MaxTokens,
                Temperature = settings.Temperature ?? baseline.Temperature,
                TopP = settings.TopP ?? baseline.TopP,
                Seed = settings.Seed ?? baseline.Seed,
                Samples = settings.N,
            };
            // A thinking budget from the defaults cannot exceed a smaller per-request cap; the request's cap wins.
            if (options.ThinkingBudget >= options.MaxTokens) options = options with { ThinkingBudget = null, MinThinking = null };
            var backend = settings.Stop.Count == 0 ? client : new StopSequenceChatClient(client, settings.Stop);
            return new DirectSolver(backend, options);
        });
    }
}
