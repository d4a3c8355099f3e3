using Comments.Api.Comments;

namespace Comments.Api.Tests.Comments;

public sealed class CommentRulesTests
{
    [Theory]
    [InlineData("reader@example.com")]
    [InlineData("first.last+tag@news.example.co.uk")]
    [InlineData("o'brien@example.com")]
    [InlineData("x@a-b.io")]
    public void Valid_emails_pass(string email) => Assert.Null(CommentRules.CheckEmail(email));

    [Theory]
    [InlineData("")]
    [InlineData("@example.com")]
    [InlineData("reader@")]
    [InlineData("reader@example")]
    [InlineData(".reader@example.com")]
    [InlineData("reader.@example.com")]
    [InlineData("re..ader@example.com")]
    [InlineData("reader@-example.com")]
    [InlineData("reader@example-.com")]
    [InlineData("reader@example..com")]
    [InlineData("reader@exa_mple.com")]
    [InlineData("\"quoted\"@example.com")]
    [InlineData("rëader@example.com")]
    [InlineData("reader@[127.0.0.1]")]
    public void Invalid_emails_fail(string email) => Assert.NotNull(CommentRules.CheckEmail(email));

    [Fact]
    public void Email_local_part_is_at_most_64_characters()
    {
        Assert.Null(CommentRules.CheckEmail($"{new string('a', 64)}@example.com"));
        Assert.NotNull(CommentRules.CheckEmail($"{new string('a', 65)}@example.com"));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("story-2026.11_a")]
    [InlineData("A")]
    public void Valid_content_ids_pass(string contentId) => Assert.Null(CommentRules.CheckContentId(contentId));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("ü")]
    [InlineData("1;DROP TABLE comments")]
    public void Invalid_content_ids_fail(string contentId) => Assert.NotNull(CommentRules.CheckContentId(contentId));

    [Theory]
    [InlineData("0", true)]
    [InlineData("42", true)]
    [InlineData("-1", false)]
    [InlineData("1.0", false)]
    [InlineData("1e2", false)]
    public void Numeric_content_ids_must_be_plain_non_negative_integers(string raw, bool valid) =>
        Assert.Equal(valid, CommentRules.CheckNumericContentId(raw) is null);

    [Fact]
    public void Comment_length_counts_characters_not_utf16_units()
    {
        Assert.Null(CommentRules.CheckComment(string.Concat(Enumerable.Repeat("𝄞", 4000))));
        Assert.NotNull(CommentRules.CheckComment(string.Concat(Enumerable.Repeat("𝄞", 4001))));
    }

    [Theory]
    [InlineData("tab\tnewline\ncarriage\r", true)]
    [InlineData("escape \u001b[31m", false)]
    [InlineData("delete \u007f", false)]
    public void Comments_allow_only_layout_control_characters(string comment, bool valid) =>
        Assert.Equal(valid, CommentRules.CheckComment(comment) is null);

    [Fact]
    public void Comments_must_not_hold_unpaired_surrogates()
    {
        // Built in code: xunit would replace the lone surrogate when it serialises InlineData.
        Assert.NotNull(CommentRules.CheckComment("unpaired " + (char)0xD800 + " high"));
        Assert.NotNull(CommentRules.CheckComment("unpaired " + (char)0xDC00 + " low"));
        Assert.Null(CommentRules.CheckComment("paired " + char.ConvertFromUtf32(0x1F600)));
    }
}
