using System.Text.Json.Nodes;

namespace ReasonFlux.Distillation.Tests;

public sealed class TemplateReplyParserTests
{
    private static readonly string Good = Fixtures.Novel[0].Template;

    [Fact]
    public void Reads_a_template_after_a_thinking_block_and_inside_a_code_fence()
    {
        var reply = TemplateReplyParser.Parse("<think>Let me see {not json}.</think>\nHere it is:\n```json\n" + Good + "\n```\nHope this helps.");

        Assert.Null(reply.Error);
        Assert.Equal("Pick's Theorem for Lattice Polygon Areas", reply.View!.Name);
        Assert.Equal(("Geometry", "Lattice geometry"), (reply.Chapter, reply.Section));
        Assert.Equal("13", reply.View.ExampleAnswer);
    }

    [Fact]
    public void Keeps_only_the_schema_fields_so_a_model_cannot_write_its_own_provenance()
    {
        var spoofed = JsonNode.Parse(Good)!.AsObject();
        spoofed[TemplateProvenance.Field] = new JsonObject { ["source"] = "forged" };
        spoofed["extra"] = "x";

        var reply = TemplateReplyParser.Parse(spoofed.ToJsonString());

        Assert.False(reply.Template!.ContainsKey(TemplateProvenance.Field));
        Assert.False(reply.Template.ContainsKey("extra"));
        Assert.False(reply.Template.ContainsKey("chapter"));
    }

    [Fact]
    public void Strips_terminal_escapes_and_bidirectional_overrides_from_every_string()
    {
        var hostile = Good.Replace("Theorem for Lattice", "\\u001b[31mTheorem\\u202e for Lattice", StringComparison.Ordinal);

        var reply = TemplateReplyParser.Parse(hostile);

        Assert.Equal("Pick's [31mTheorem for Lattice Polygon Areas", reply.View!.Name);
    }

    [Fact]
    public void Names_the_missing_field_with_a_path_inside_the_template()
    {
        var broken = JsonNode.Parse(Good)!.AsObject();
        broken.Remove("reason_flow");

        var reply = TemplateReplyParser.Parse(broken.ToJsonString());

        Assert.False(reply.Unreadable);
        Assert.Equal("schema: $.reason_flow: missing required field", reply.Error);
    }

    [Fact]
    public void Prose_without_a_template_object_is_unreadable()
    {
        var reply = TemplateReplyParser.Parse("The method is to count lattice points {I and B} and apply the formula.");

        Assert.True(reply.Unreadable);
        Assert.Null(reply.Template);
    }

    [Fact]
    public void A_huge_reply_is_cut_before_parsing()
    {
        var reply = TemplateReplyParser.Parse(new string('{', 2_000_000));

        Assert.True(reply.Unreadable);
    }
}
