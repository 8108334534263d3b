using System.Text;
using System.Text.Json.Nodes;

namespace ReasonFlux.Templates.Tests;

public sealed class OpenAIEmbedderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A toy embedding server: each text becomes its letter counts a..h, so similar words give similar vectors.
    private static (int, byte[]) Embeddings(string path, string body)
    {
        if (path != "/v1/embeddings") return (404, "{}"u8.ToArray());
        var request = JsonNode.Parse(body)!;
        var inputs = request["input"] is JsonArray a ? a.Select(n => n!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
        var data = new JsonArray();
        for (var i = 0; i < inputs.Count; i++)
        {
            var vector = new JsonArray([.. "abcdefgh".Select(c => (JsonNode)JsonValue.Create(inputs[i].Count(x => char.ToLowerInvariant(x) == c) + 0.01f)!)]);
            data.Add(new JsonObject { ["object"] = "embedding", ["index"] = i, ["embedding"] = vector });
        }
        var response = new JsonObject { ["object"] = "list", ["data"] = data, ["model"] = request["model"]!.GetValue<string>(), ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["total_tokens"] = 1 } };
        return (200, Encoding.UTF8.GetBytes(response.ToJsonString()));
    }

    [Fact]
    public async Task Sends_model_and_inputs_to_the_embeddings_endpoint()
    {
        using var server = new LoopbackServer(Embeddings);
        using var embedder = Embedders.OpenAICompatible(new Uri(server.BaseUrl + "v1"), "jina-embeddings-v3", null);
        var result = await embedder.GenerateAsync(["abc", "hhh"], cancellationToken: Ct);

        Assert.Equal(2, result.Count);
        Assert.Equal(8, result[0].Vector.Length);
        var (path, body) = Assert.Single(server.Requests);
        Assert.Equal("/v1/embeddings", path);
        var json = JsonNode.Parse(body)!;
        Assert.Equal("jina-embeddings-v3", json["model"]!.GetValue<string>());
        Assert.Equal(["abc", "hhh"], json["input"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Index_built_over_a_server_searches_and_caches_per_model()
    {
        using var server = new LoopbackServer(Embeddings);
        using var dir = new TempDir();
        var library = TemplateLibrary.Load(dir.Write("lib.json", LibraryJson.Wrap(LibraryJson.Template("aaaa"), LibraryJson.Template("hhhh"))));
        var options = new TemplateIndexOptions { CacheDirectory = dir.Path, FlatFields = TemplateTextFields.Name };
        using var embedder = Embedders.OpenAICompatible(new Uri(server.BaseUrl + "v1"), "toy", null);

        var index = await TemplateIndex.BuildAsync(library, embedder, options, Ct);
        var hits = await index.SearchAsync("hh", 1, Ct);
        Assert.Equal("hhhh", hits[0].Template.Name);

        var requestsAfterBuild = server.Requests.Count;
        var again = await TemplateIndex.BuildAsync(library, embedder, options, Ct);
        Assert.True(again.LoadedFromCache);
        Assert.Equal(requestsAfterBuild, server.Requests.Count);
    }

    [Fact]
    public async Task Server_error_surfaces_as_an_exception()
    {
        using var server = new LoopbackServer((_, _) => (500, """{"error":{"message":"boom"}}"""u8.ToArray()));
        using var embedder = Embedders.OpenAICompatible(new Uri(server.BaseUrl + "v1"), "toy", null);
        await Assert.ThrowsAnyAsync<Exception>(() => embedder.GenerateAsync(["x"], cancellationToken: Ct));
    }
}
