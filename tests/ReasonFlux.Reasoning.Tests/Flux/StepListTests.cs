using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Reasoning.Tests.Flux;

public sealed class StepListTests
{
    [Fact]
    public void Reads_a_json_list_in_a_fence()
    {
        Assert.Equal(["a", "b"], StepList.Parse("New flow:\n```\n[\"a\", \"b\",]\n```"));
    }

    [Fact]
    public void Reads_a_list_under_a_known_key()
    {
        Assert.Equal(["x", "y"], StepList.Parse("{\"remaining_steps\": [\"x\", \"y\"]}"));
    }

    [Fact]
    public void Reads_numbered_and_bulleted_lines()
    {
        Assert.Equal(["First", "Second", "Third"], StepList.Parse("Plan:\n1. First\n2. Second\n- Third"));
    }

    [Fact]
    public void Returns_null_for_text_without_a_list()
    {
        Assert.Null(StepList.Parse("nothing to see"));
    }
}
