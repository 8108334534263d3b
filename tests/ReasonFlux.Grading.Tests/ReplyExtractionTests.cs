namespace ReasonFlux.Grading.Tests;

/// <summary>Where the answer of a real reply is: the later of the last box and a final-answer statement, several final
/// boxes, answer markers in other languages, GSM8K endings, and a last number that is a whole number.</summary>
public sealed class ReplyExtractionTests
{
    private static string Extracted(string reply) => AnswerExtractor.Extract(reply)?.Text ?? "<none>";

    [Theory]
    [InlineData("First \\boxed{200} dollars. Then $10,200 + 255 = 10,455$. The final answer is $10,455$. I hope it is correct.", "10,455")]
    [InlineData("So \\boxed{3}.\n\nWait, recounting gives more. Final answer: 5", "5")]
    [InlineData("The answer is 4, but checking again: $x = \\boxed{6}$", "6")]
    [InlineData("\\boxed{12}. The answer is correct.", "12")]
    public void The_later_of_the_last_box_and_a_final_answer_statement_wins(string reply, string expected) =>
        Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("For (a) $\\boxed{(3, 3)}$ \\text{ for part (a) and } $\\boxed{(1, 1)}$", "(3, 3), (1, 1)")]
    [InlineData("$y_1 = \\boxed{2x+1}$ and $y_2 = \\boxed{x-3}$", "2x+1, x-3")]
    [InlineData("We need \\boxed{4} red and \\boxed{9} blue", "4, 9")]
    public void Several_final_boxes_of_a_multi_part_answer_are_one_list(string reply, string expected) =>
        Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("First try \\boxed{3}. That is wrong, so the value is \\boxed{5}", "5")]
    [InlineData("\\boxed{1} no no no \\boxed{2}", "2")]
    [InlineData("\\boxed{8} thus but \\boxed{9}", "9")]
    [InlineData("Result \\boxed{7}\n\nNow part two uses it: \\boxed{14}", "14")]
    public void Boxes_separated_by_an_argument_are_not_joined(string reply, string expected) =>
        Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("The total is \\boxed{42}. \\boxed{}", "42")]
    [InlineData("\\boxed{x+1}\\boxed{ }", "x+1")]
    public void An_empty_trailing_box_is_ignored(string reply, string expected) => Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("so the ratio is 1/3", "1/3")]
    [InlineData("P(A) = (1/2) * (4/3) = 2/3. Done.", "2/3")]
    [InlineData("计划的比例为13/28", "13/28")]
    [InlineData("we get f^{-1}(1/5) which is 4 in the end", "4")]
    [InlineData("value of x^{-2} is 9", "9")]
    public void The_last_number_is_whole_and_never_taken_from_a_script_or_label(string reply, string expected) =>
        Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("Natalia sold 48/2 = 24 clips in May.\n#### 72", "72")]
    [InlineData("Q: how many?\nShe has 5 apples and buys 62 more.\nA: 67", "67")]
    [InlineData("#### Step 1: count\nThere are 3 cats and 4 dogs, 7 pets", "7")]
    public void GSM8K_endings_mark_the_answer(string reply, string expected) => Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("Donc, la réponse finale est $\\frac{3}{4}$.", "\\frac{3}{4}")]
    [InlineData("Réponse : 12 pommes au total, 3 par jour", "12")]
    [InlineData("La respuesta es 15, porque 3 por 5", "15")]
    [InlineData("Die Antwort ist 8. Wir haben 2 mal 4", "8")]
    [InlineData("所以答：共有 36 个，每行 6 个", "36")]
    [InlineData("Ответ: 25, так как 5 на 5", "25")]
    public void Answer_markers_in_other_languages_mark_the_answer(string reply, string expected) =>
        Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("The general solution is $y = c_1 e^{x} + c_2 e^{2x}$, where $c_1, c_2$ are arbitrary constants.", "y = c_1 e^{x} + c_2 e^{2x}")]
    [InlineData("Thus $x(t) = Ce^{-2t}$, where $C$ is an arbitrary constant.", "x(t) = Ce^{-2t}")]
    public void A_trailing_clause_about_constants_is_not_the_answer(string reply, string expected) =>
        Assert.Equal(expected, Extracted(reply));

    [Theory]
    [InlineData("3", "So there are three.")]
    [InlineData("12", "The answer is twelve.")]
    [InlineData("25", "twenty-five")]
    public void Number_words_are_numbers(string gold, string reply) =>
        Assert.True(Grader.Grade(gold, reply).Equivalent, Grader.Grade(gold, reply).Reason);

    [Theory]
    [InlineData("4", "So there are three.")]
    [InlineData("3", "threefold")]
    public void Other_number_words_or_words_containing_one_are_not_equal(string gold, string reply) =>
        Assert.False(Grader.Grade(gold, reply).Equivalent);
}
