using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReasonFlux.Models.Hub;
using Spectre.Console;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux models pull|list|rm</c>: the local cache of GGUF models from a Hugging Face hub.</summary>
internal static class ModelsCommand
{
    private static readonly JsonSerializerOptions Json = CliJson.Compact;

    private static readonly Option<string?> CacheDir = new("--cache-dir")
    {
        Description = $"Model cache folder (default: ${HubOptions.CacheDirVariable}, else <user cache folder>/reasonflux).",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("models", "Download and manage GGUF models from a Hugging Face hub.");
        command.Options.Add(CacheDir);
        command.Subcommands.Add(Pull());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command Pull()
    {
        var repo = new Argument<string?>("repo")
        {
            Description = "OWNER/REPO, or a whole hf:OWNER/REPO/FILE.gguf[@REVISION]. Omitted: the default model.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var file = new Argument<string?>("file") { Description = "File in the repository, e.g. model-q4_k_m.gguf.", Arity = ArgumentArity.ZeroOrOne };
        var revision = new Option<string?>("--revision", "-r") { Description = "Branch, tag or commit (default: main)." };
        var hubUrl = new Option<string?>("--hub-url") { Description = $"Hub base URL (default: ${HubOptions.HubUrlVariable}, else https://huggingface.co)." };
        var command = new Command("pull", "Download a GGUF file into the cache (resumable, sha256-verified) and print its path.")
        {
            repo, file, revision, hubUrl,
        };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async token =>
        {
            var target = Target(parse.GetValue(repo), parse.GetValue(file), parse.GetValue(revision));
            using var hub = new ModelHub(Options(parse, parse.GetValue(hubUrl)));
            var output = parse.InvocationConfiguration.Output;
            var model = await DownloadDisplay.RunAsync(output, parse.InvocationConfiguration.Error, target.File, clearWhenDone: false,
                progress => hub.PullAsync(target, progress, token));
            await output.WriteLineAsync(model.Path);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the models in the cache.") { json };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async _ =>
        {
            using var hub = new ModelHub(Options(parse, null));
            var models = hub.List();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var rows = models.Select(m => new
                {
                    id = m.Id, model = $"{m.Owner}/{m.Repo}/{m.File}", m.Revision, m.Commit, m.Sha256, m.Size, m.Path, m.DownloadedAt,
                });
                await output.WriteLineAsync(JsonSerializer.Serialize(new { cacheDir = hub.Options.ModelsDir, models = rows }, Json));
            }
            else if (models.Count == 0)
            {
                await output.WriteLineAsync($"no models in {hub.Options.ModelsDir}");
            }
            else
            {
                await WriteTableAsync(output, models);
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Remove()
    {
        var selector = new Argument<string>("model") { Description = "OWNER/REPO/FILE (every revision), OWNER/REPO/FILE@REVISION, or an ID shown by `models list`." };
        var command = new Command("rm", "Delete a model from the cache.") { selector };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async _ =>
        {
            using var hub = new ModelHub(Options(parse, null));
            var text = parse.GetValue(selector)!;
            var removed = hub.Remove(text);
            if (removed.Count == 0)
                throw new UsageException($"no cached model matches '{text}' in {hub.Options.ModelsDir}; `reasonflux models list` shows what is there");
            foreach (var model in removed)
                await parse.InvocationConfiguration.Output.WriteLineAsync($"removed {model.Reference} ({DownloadDisplay.Size(model.Size)})");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>What to pull: nothing → the default model; one argument → a whole reference; two → OWNER/REPO and FILE.</summary>
    internal static HubFileRef Target(string? repo, string? file, string? revision)
    {
        if (repo is null) return revision is null ? DefaultModel.File : new HubFileRef(DefaultModel.File.Owner, DefaultModel.File.Repo, DefaultModel.File.File, revision);
        if (file is null)
        {
            var parsed = HubFileRef.Parse(repo);
            return revision is null ? parsed : new HubFileRef(parsed.Owner, parsed.Repo, parsed.File, revision);
        }

        var parts = repo.Split('/');
        if (parts.Length != 2)
            throw new UsageException($"repository '{repo}': expected OWNER/REPO, e.g. Qwen/Qwen2.5-0.5B-Instruct-GGUF");
        return new HubFileRef(parts[0], parts[1], file, revision ?? "main");
    }

    private static HubOptions Options(ParseResult parse, string? hubUrl) => HubOptions.Resolve(parse.GetValue(CacheDir), hubUrl);

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<CachedModel> models)
    {
        string[] header = ["ID", "MODEL", "REVISION", "SIZE", "SHA256"];
        var rows = models.Select(m => new[] { m.Id, $"{m.Owner}/{m.Repo}/{m.File}", m.Revision, DownloadDisplay.Size(m.Size), m.Sha256 }).Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            await output.WriteLineAsync(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
    }
}
