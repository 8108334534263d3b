using System.CommandLine;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;

namespace ReasonFlux.Cli;

/// <summary>The middleware stack the CLI puts around every backend client: retries and a concurrency limit from the options.</summary>
internal static class ModelPipeline
{
    public static Func<IChatClient, IChatClient> For(ParseResult parse, ModelOptionSet models, UsageMeter? meter = null, ICallLog? log = null, string label = "model")
    {
        var policy = new ModelCallPolicy
        {
            Retry = new ModelRetryOptions { MaxAttempts = parse.GetValue(models.Retries) },
            MaxConcurrency = parse.GetValue(models.Concurrency),
            Meter = meter,
            CallLog = log,
            Label = label,
        };
        return client => ChatPipeline.Wrap(client, policy);
    }
}
