using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Tests.Traces;

public sealed class TraceJsonTests(SolvedTraceFixture fixture) : IClassFixture<SolvedTraceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Trace_file_round_trips_to_the_same_json()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trace-{Guid.NewGuid():N}.json");
        try
        {
            await TraceJson.WriteAsync(fixture.Trace, path, Ct);
            var read = await TraceJson.ReadAsync(path, Ct);
            Assert.Equal(TraceJson.Serialize(fixture.Trace), TraceJson.Serialize(read));
            Assert.Equal(fixture.Trace.Samples[0].Calls.Count, read.Samples[0].Calls.Count);
            Assert.Equal(fixture.Trace.Samples[0].Trajectories[^1].Trajectory.Steps, read.Samples[0].Trajectories[^1].Trajectory.Steps);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Trace_json_records_roles_messages_replies_tokens_and_scores()
    {
        var json = TraceJson.Serialize(fixture.Trace);
        foreach (var key in new[] { "\"role\": \"plan\"", "\"role\": \"student\"", "\"messages\"", "\"reply\"", "\"prompt_tokens\": 100", "\"milliseconds\"", "\"score\"", "\"hits\"" })
            Assert.Contains(key, json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trace_written_before_attempts_were_recorded_still_reads_with_one_attempt_per_call()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(TraceJson.Serialize(fixture.Trace))!;
        foreach (var call in json["samples"]![0]!["calls"]!.AsArray()) Assert.True(call!.AsObject().Remove("attempts"));

        var read = TraceJson.Deserialize(json.ToJsonString());

        Assert.All(read.Samples[0].Calls, c => Assert.Equal(1, c.Attempts));
        Assert.Equal(fixture.Trace.Samples[0].Calls.Count, read.Samples[0].Calls.Count);
    }

    [Fact]
    public void Malformed_trace_names_the_line_and_json_path()
    {
        var json = TraceJson.Serialize(fixture.Trace).Replace("\"prompt_tokens\": 100", "\"prompt_tokens\": \"many\"", StringComparison.Ordinal);
        var ex = Assert.Throws<TraceFormatException>(() => TraceJson.Deserialize(json, "bad.json"));
        Assert.Matches(@"^bad\.json: line \d+, \$\.samples\[0\]\.calls\[0\]\.prompt_tokens: ", ex.Message);
    }

    [Fact]
    public void A_summary_file_is_refused_in_words_without_dotnet_type_names()
    {
        var ex = Assert.Throws<TraceFormatException>(() => TraceJson.Deserialize("""{"benchmark": "aime24", "samples": 3}""", "summary.json"));
        Assert.DoesNotContain("ReasonFlux.Reasoning", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a ReasonFlux trace (", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_version_is_refused()
    {
        var json = TraceJson.Serialize(fixture.Trace with { Format = 99 });
        var ex = Assert.Throws<TraceFormatException>(() => TraceJson.Deserialize(json, "new.json"));
        Assert.Contains("format 99 is not supported", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_trace_file_is_file_not_found()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => TraceJson.ReadAsync("/nonexistent/trace.json", Ct));
    }
}
