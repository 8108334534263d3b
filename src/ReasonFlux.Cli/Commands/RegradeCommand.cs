using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReasonFlux.Evaluation;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux regrade RUN</c>: grade a stored run again with this build's grader, from its own results.db.</summary>
internal static class RegradeCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run-dir") { Description = "Run folder written by reasonflux eval." };
        var json = CommonOptions.Json();
        var command = new Command("regrade", "Grade a stored eval run again (after a grader change): answers, gold and answer kinds come from its results.db; summary.json is rewritten.")
        {
            run, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var result = await RunRegrade.RunAsync(parse.GetValue(run)!, token);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { graded = result.Graded, changed = result.Changed, now_correct = result.NowCorrect, now_wrong = result.NowWrong, pass1 = result.Summary.Pass1 }));
                return ExitCodes.Success;
            }
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"regraded {result.Graded} samples: {result.Changed} changed ({result.NowCorrect} now correct, {result.NowWrong} now wrong); pass@1 {result.Summary.Pass1:P1}"));
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
