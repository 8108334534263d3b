using System.CommandLine;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Cli;

/// <summary>The middleware stack the CLI puts around every backend client.</summary>
internal static class ModelPipeline
{
    public static Func<IChatClient, IChatClient> For(ParseResult parse, ModelOptionSet models) => client => client;
}
