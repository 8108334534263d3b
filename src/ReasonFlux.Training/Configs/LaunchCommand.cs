using System.Globalization;
using System.Text;

namespace ReasonFlux.Training.Configs;

/// <summary>
/// The <c>llamafactory-cli train</c> command lines. LLaMA-Factory starts torchrun itself when it sees more than one GPU
/// or <c>FORCE_TORCHRUN=1</c> (needed for DeepSpeed on one GPU), and reads <c>NPROC_PER_NODE</c>, <c>NNODES</c>,
/// <c>NODE_RANK</c>, <c>MASTER_ADDR</c> and <c>MASTER_PORT</c> from the environment: one command per node.
/// </summary>
internal static class LaunchCommand
{
    public static IReadOnlyList<string> Build(TrainConfigRequest request, string yamlPath, bool deepSpeed)
    {
        if (request.NprocPerNode is < 1) throw SettingException.Invalid(Setting.Of<TrainConfigRequest>(nameof(request.NprocPerNode), "GPUs per node"), request.NprocPerNode, "must be at least 1");
        if (request.Nnodes < 1) throw SettingException.Invalid(Setting.Of<TrainConfigRequest>(nameof(request.Nnodes), "nodes"), request.Nnodes, "must be at least 1");
        if (request.MasterPort is < 1 or > 65535) throw SettingException.Invalid(Setting.Of<TrainConfigRequest>(nameof(request.MasterPort), "master port"), request.MasterPort, "must be between 1 and 65535");
        if (request.Nnodes > 1 && string.IsNullOrWhiteSpace(request.MasterAddr))
            throw SettingException.Missing(Setting.Of<TrainConfigRequest>(nameof(request.MasterAddr), "master address"), $"{request.Nnodes} nodes need the address of node 0");

        var torchrun = deepSpeed || request.Nnodes > 1 || request.NprocPerNode is > 1;
        var commands = new List<string>();
        for (var rank = 0; rank < request.Nnodes; rank++)
        {
            var line = new StringBuilder();
            if (torchrun) line.Append("FORCE_TORCHRUN=1 ");
            if (request.Nnodes > 1)
                line.Append(CultureInfo.InvariantCulture, $"NNODES={request.Nnodes} NODE_RANK={rank} ");
            if (request.NprocPerNode is { } n) line.Append(CultureInfo.InvariantCulture, $"NPROC_PER_NODE={n} ");
            if (request.Nnodes > 1)
                line.Append(CultureInfo.InvariantCulture, $"MASTER_ADDR={request.MasterAddr} MASTER_PORT={request.MasterPort} ");
            line.Append("llamafactory-cli train ").Append(ShellQuote(yamlPath));
            commands.Add(line.ToString());
        }
        return commands;
    }

    /// <summary>Quotes a path for POSIX shells only when it holds characters the shell would split or expand.</summary>
    internal static string ShellQuote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:=@%,".Contains(c, StringComparison.Ordinal))
            ? s
            : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
