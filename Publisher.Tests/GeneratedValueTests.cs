using Comments.Publisher.Manifest;
using Comments.Publisher.Publishing;

namespace Comments.Publisher.Tests;

/// <summary>Generated secrets keep their parameter's rules, every time: a value that misses one fails where it is used.</summary>
public sealed class GeneratedValueTests
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Specials = "-._~";

    public static TheoryData<string, GenerateRules> Rules() => new()
    {
        // AddSqlServer: its password policy refuses a password without three of the four classes.
        { "sql server", new GenerateRules(MinLower: 1, MinUpper: 1, MinNumeric: 1) },
        // AddRedis, AddRabbitMQ, AddMongoDB: no special characters.
        { "no specials", new GenerateRules(Special: false) },
        // Orleans' service and cluster ids.
        { "orleans ids", new GenerateRules(MinLength: 25, Upper: false, Special: false) },
        { "digits only", new GenerateRules(MinLength: 40, Lower: false, Upper: false, Special: false) },
        { "special minimum", new GenerateRules(MinSpecial: 3) },
        { "minimums longer than the length", new GenerateRules(MinLength: 8, MinLower: 20, MinUpper: 20, MinNumeric: 5) },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Every_generated_value_keeps_the_rules(string shape, GenerateRules rules)
    {
        var allowed = string.Concat(rules.Lower ? Lower : "", rules.Upper ? Upper : "", rules.Numeric ? Digits : "", rules.Special ? Specials : "");
        var length = Math.Max(GeneratedValue.MinimumLength, Math.Max(rules.MinLength, rules.MinLower + rules.MinUpper + rules.MinNumeric + rules.MinSpecial));
        var values = Enumerable.Range(0, 2_000).Select(_ => GeneratedValue.Of(rules)).ToList();

        foreach (var value in values)
        {
            Assert.True(value.Length == length, $"{shape}: '{value}' is {value.Length} long, not {length}");
            Assert.True(value.All(allowed.Contains), $"{shape}: '{value}' has a character the rules do not allow");
            Assert.True(value.Count(Lower.Contains) >= rules.MinLower, $"{shape}: '{value}' has fewer than {rules.MinLower} lower-case letters");
            Assert.True(value.Count(Upper.Contains) >= rules.MinUpper, $"{shape}: '{value}' has fewer than {rules.MinUpper} upper-case letters");
            Assert.True(value.Count(Digits.Contains) >= rules.MinNumeric, $"{shape}: '{value}' has fewer than {rules.MinNumeric} digits");
            Assert.True(value.Count(Specials.Contains) >= rules.MinSpecial, $"{shape}: '{value}' has fewer than {rules.MinSpecial} special characters");
            Assert.Equal(value, Uri.EscapeDataString(value)); // safe in a URI as it is
        }

        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public void Special_characters_appear_only_where_the_rules_require_them()
    {
        Assert.All(Enumerable.Range(0, 500).Select(_ => GeneratedValue.Of(new GenerateRules())), v => Assert.DoesNotContain(v, Specials.Contains));
        Assert.All(Enumerable.Range(0, 50).Select(_ => GeneratedValue.Of(new GenerateRules(Lower: false, Upper: false, Numeric: false))), v => Assert.All(v, c => Assert.Contains(c, Specials)));
    }
}
