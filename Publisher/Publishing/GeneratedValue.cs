using System.Security.Cryptography;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Publishing;

/// <summary>
/// A random value that keeps a parameter's <see cref="GenerateRules"/>: never a class that is off, at least each
/// minimum, and at least 32 characters. Special characters appear only where required (a minimum, or the only class
/// allowed), and then only RFC 3986's unreserved ones, so a value is safe as it is in URIs, connection strings,
/// command lines and env files.
/// </summary>
public static class GeneratedValue
{
    public const int MinimumLength = 32;

    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Specials = "-._~";

    public static string Of(GenerateRules rules)
    {
        var required = new (string Characters, int Count)[]
        {
            (Lower, rules.MinLower), (Upper, rules.MinUpper), (Digits, rules.MinNumeric), (Specials, rules.MinSpecial),
        };
        var allowed = string.Concat(rules.Lower ? Lower : "", rules.Upper ? Upper : "", rules.Numeric ? Digits : "");
        if (allowed.Length == 0)
        {
            allowed = Specials; // the reader refuses rules that allow nothing
        }

        var length = Math.Max(Math.Max(rules.MinLength, MinimumLength), required.Sum(r => r.Count));
        var value = new char[length];
        var position = 0;
        foreach (var (characters, count) in required)
        {
            RandomNumberGenerator.GetItems(characters.AsSpan(), value.AsSpan(position, count));
            position += count;
        }

        RandomNumberGenerator.GetItems(allowed.AsSpan(), value.AsSpan(position));
        RandomNumberGenerator.Shuffle(value.AsSpan());
        return new string(value);
    }
}
