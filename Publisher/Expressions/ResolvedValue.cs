using Comments.Publisher.Manifest;

namespace Comments.Publisher.Expressions;

/// <summary>A piece of a resolved value: literal text, or a reference to a key of the generated Secret.</summary>
public abstract record Segment;

public sealed record LiteralSegment(string Text) : Segment;

/// <summary>
/// A key of the generated Secret; or, with <paramref name="Secret"/>, key <paramref name="SecretKey"/> of a Secret
/// someone else writes (the one CloudNativePG manages for a database, an external database's). <paramref name="Key"/>
/// names the helper variable either way, so a value spliced from it reads the same in both.
/// </summary>
public sealed record SecretSegment(string Key, string? Secret = null, string? SecretKey = null) : Segment;

/// <summary>A manifest value with every expression resolved. Secret pieces stay references; they are never inlined.</summary>
public sealed record ResolvedValue(IReadOnlyList<Segment> Segments)
{
    public static ResolvedValue Of(string text) => new([new LiteralSegment(text)]);

    public bool HasSecrets => Segments.Any(s => s is SecretSegment);

    /// <summary>The text when no piece is secret.</summary>
    public string LiteralText => HasSecrets
        ? throw new InvalidOperationException("A value with secrets has no literal text.")
        : string.Concat(Segments.Cast<LiteralSegment>().Select(s => s.Text));

    /// <summary>The value with secrets filled in, for the secrets file only.</summary>
    public string Render(IReadOnlyDictionary<string, string> secrets) => string.Concat(Segments.Select(s => s switch
    {
        LiteralSegment literal => literal.Text,
        SecretSegment secret => secrets[secret.Key],
        _ => throw new InvalidOperationException(),
    }));

    public static ResolvedValue Concat(IEnumerable<ResolvedValue> parts)
    {
        var segments = new List<Segment>();
        foreach (var segment in parts.SelectMany(p => p.Segments))
        {
            if (segment is LiteralSegment { Text.Length: 0 })
            {
                continue;
            }

            // Adjacent literals merge, so a value reads as one string where it can.
            if (segment is LiteralSegment next && segments.Count > 0 && segments[^1] is LiteralSegment previous)
            {
                segments[^1] = new LiteralSegment(previous.Text + next.Text);
            }
            else
            {
                segments.Add(segment);
            }
        }

        return new ResolvedValue(segments);
    }

    public override string ToString() => string.Concat(Segments.Select(s => s switch
    {
        LiteralSegment literal => literal.Text,
        SecretSegment secret => $"<secret:{secret.Key}>",
        _ => "",
    }));
}

/// <summary>
/// A key of the generated Secret: a parameter input (generated or supplied), a value derived from others, or what an
/// external resource provides (<see cref="ProvidedBy"/>), which the user fills.
/// </summary>
public sealed record SecretKey(
    string Key, GenerateRules? Generate, string? DefaultValue = null, ResolvedValue? DerivedFrom = null, string? Filter = null, string? ProvidedBy = null);
