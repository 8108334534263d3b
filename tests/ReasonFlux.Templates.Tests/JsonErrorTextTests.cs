using System.Text.Json;

namespace ReasonFlux.Templates.Tests;

public sealed class JsonErrorTextTests
{
    private sealed record Shape(IReadOnlyList<string> Items, int Count);

    private sealed record Required
    {
        public required string Mode { get; init; }
        public required string Answer { get; init; }
    }

    private static string Describe<T>(string json)
    {
        var ex = Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<T>(json));
        return JsonErrorText.Describe(ex);
    }

    [Fact]
    public void Syntax_errors_lose_the_zero_based_reader_position()
    {
        var text = Describe<Shape>("""{"Items": ["a",,"b"]}""");
        Assert.Equal("',' is an invalid start of a value", text);
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_what_was_expected_in_words()
    {
        Assert.Equal("expected a list", Describe<Shape>("""{"Items": 5}"""));
        Assert.Equal("expected a whole number", Describe<Dictionary<string, int>>("""{"Count": "x"}"""));
    }

    [Fact]
    public void Missing_required_properties_are_listed_without_the_type_name()
    {
        Assert.Equal("missing required fields: Mode, Answer", Describe<Required>("{}"));
    }

    [Fact]
    public void Leftover_type_names_are_replaced()
    {
        var text = JsonErrorText.Describe("cannot use System.Collections.Generic.IReadOnlyList`1[System.String] here");
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", text, StringComparison.Ordinal);
    }
}
