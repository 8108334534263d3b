using ReasonFlux.Models.Hub;

namespace ReasonFlux.Models.Tests.Hub;

public sealed class HubFileRefTests
{
    [Fact]
    public void Parses_owner_repo_and_file_with_main_as_default_revision()
    {
        var file = HubFileRef.Parse("hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf");

        Assert.Equal(("Qwen", "Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q4_k_m.gguf", "main"),
            (file.Owner, file.Repo, file.File, file.Revision));
    }

    [Fact]
    public void Parses_revision_after_the_at_sign_and_files_in_folders()
    {
        var file = HubFileRef.Parse("hf:acme/models/q4/model-Q4_K_M.gguf@9217f5db79a29953eb74d5343926648285ec7e67");

        Assert.Equal(("q4/model-Q4_K_M.gguf", "9217f5db79a29953eb74d5343926648285ec7e67"), (file.File, file.Revision));
    }

    [Fact]
    public void Hf_prefix_is_optional_and_ToString_round_trips()
    {
        var file = HubFileRef.Parse("acme/models/m.gguf@v1");

        Assert.Equal(file, HubFileRef.Parse(file.ToString()));
        Assert.Equal("hf:acme/models/m.gguf@v1", file.ToString());
    }

    [Theory]
    [InlineData("hf:acme", "missing the repository and file parts")]
    [InlineData("hf:acme/models", "missing the file part")]
    [InlineData("hf:acme/models/", "missing the file part")]
    [InlineData("hf:acme/models/readme.md", "is not a .gguf file")]
    [InlineData("hf:acme/models/m.gguf@", "nothing after '@'")]
    [InlineData("hf:ac me/models/m.gguf", "owner 'ac me'")]
    [InlineData("hf:acme/../m.gguf", "repository '..'")]
    [InlineData("hf:acme/models/../m.gguf", "invalid path segment '..'")]
    [InlineData("hf:acme/models/m.gguf@a..b", "revision 'a..b'")]
    public void Malformed_reference_names_the_text_and_the_wrong_part(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => HubFileRef.Parse(text));

        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains(why, error.Message);
    }

    [Fact]
    public void Pinned_sha256_must_be_64_hex_digits()
    {
        var error = Assert.Throws<FormatException>(() => new HubFileRef("a", "b", "c.gguf") { Sha256 = "abc" });

        Assert.Contains("expected 64 hex digits", error.Message);
    }

    [Fact]
    public void Recognises_the_hf_scheme_only()
    {
        Assert.Equal((true, false, false), (HubFileRef.IsHubReference("hf:a/b/c.gguf"), HubFileRef.IsHubReference("/models/c.gguf"), HubFileRef.IsHubReference(null)));
    }

    [Fact]
    public void Default_model_is_the_official_qwen_gguf_pinned_to_a_commit_and_checksum()
    {
        var model = DefaultModel.File;

        Assert.Equal(("Qwen/Qwen2.5-0.5B-Instruct-GGUF", "qwen2.5-0.5b-instruct-q4_k_m.gguf", 40, 64),
            (model.RepoId, model.File, model.Revision.Length, model.Sha256?.Length));
    }
}
