using System.Text.Json.Nodes;

namespace ReasonFlux.Training.Tests;

/// <summary>
/// Checks a written dataset against LLaMA-Factory's documented layouts (data/README.md): the dataset_info.json entry, the
/// required keys of each row, and sharegpt roles (human in odd positions, gpt in even ones). Returns the rows.
/// </summary>
internal static class LlamaFactorySchema
{
    public static JsonArray Check(string directory, string name)
    {
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "dataset_info.json")))!.AsObject();
        var entry = info[name]!.AsObject();
        var file = Path.Combine(directory, entry["file_name"]!.GetValue<string>());
        var rows = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
        var sharegpt = entry["formatting"]?.GetValue<string>() == "sharegpt";
        var ranking = entry["ranking"]?.GetValue<bool>() == true;
        var columns = entry["columns"]!.AsObject();
        Assert.NotEmpty(rows);
        foreach (var row in rows.Select(r => r!.AsObject()))
        {
            if (!sharegpt)
            {
                Assert.Equal("instruction", columns["prompt"]!.GetValue<string>());
                Assert.False(string.IsNullOrWhiteSpace(row["instruction"]!.GetValue<string>()));
                Assert.NotNull(row["input"]);
                if (ranking)
                {
                    Assert.Equal(("chosen", "rejected"), (columns["chosen"]!.GetValue<string>(), columns["rejected"]!.GetValue<string>()));
                    Assert.False(string.IsNullOrWhiteSpace(row["chosen"]!.GetValue<string>()));
                    Assert.False(string.IsNullOrWhiteSpace(row["rejected"]!.GetValue<string>()));
                }
                else
                {
                    Assert.False(string.IsNullOrWhiteSpace(row["output"]!.GetValue<string>()));
                }
                continue;
            }
            Assert.Equal("conversations", columns["messages"]!.GetValue<string>());
            var turns = row["conversations"]!.AsArray();
            for (var i = 0; i < turns.Count; i++)
            {
                Assert.Equal(i % 2 == 0 ? "human" : "gpt", turns[i]!["from"]!.GetValue<string>());
                Assert.False(string.IsNullOrWhiteSpace(turns[i]!["value"]!.GetValue<string>()));
            }
            if (ranking)
            {
                Assert.True(turns.Count % 2 == 1, "a preference prompt ends with a human turn");
                Assert.Equal("gpt", row["chosen"]!["from"]!.GetValue<string>());
                Assert.Equal("gpt", row["rejected"]!["from"]!.GetValue<string>());
            }
            else
            {
                Assert.True(turns.Count % 2 == 0, "an SFT conversation ends with a gpt turn");
            }
        }
        return rows;
    }
}
