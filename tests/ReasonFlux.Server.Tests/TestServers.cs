using Microsoft.Extensions.Logging;

namespace ReasonFlux.Server.Tests;

/// <summary>Starts the real server on a free loopback port over a <see cref="ScriptedSolver"/>.</summary>
internal static class TestServers
{
    public static Task<ReasonFluxServer> StartAsync(ScriptedSolver solver, Func<ReasonFluxServerOptions, ReasonFluxServerOptions>? configure = null, ILoggerProvider? logs = null)
    {
        var options = new ReasonFluxServerOptions
        {
            Port = 0,
            Models = [solver.Serve()],
            Logging = logs is null ? null : b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information),
        };
        return ReasonFluxServer.StartAsync(configure?.Invoke(options) ?? options, TestContext.Current.CancellationToken);
    }

    public static HttpClient Http(ReasonFluxServer server) => new() { BaseAddress = server.BaseAddress };
}
