using System.Text;
using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Publishing;

/// <summary>
/// The git-ignored env file behind the generated Secret (<c>KEY=VALUE</c> lines, kustomize's format). Values that
/// are present stay as they are (CI may write them from its own secrets); generated inputs that are missing get a
/// strong random value; derived values (e.g. URI-encoded passwords) are recomputed from the others every time; a
/// key that nothing can fill is written empty, for the user to fill before deploying.
/// </summary>
public static class SecretsEnvFile
{
    public static Dictionary<string, string> Parse(string text, string source)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new PublishException($"{source}:{i + 1}: expected KEY=VALUE.");
            }

            values[line[..equals]] = line[(equals + 1)..];
        }

        return values;
    }

    /// <summary>The file's new content, the keys generated now, and the keys still empty (to fill before deploying).</summary>
    public static (string Text, IReadOnlyList<string> Generated, IReadOnlyList<string> Empty) Fill(
        IReadOnlyDictionary<string, string> existing, IEnumerable<SecretKey> keys)
    {
        var values = new Dictionary<string, string>(existing, StringComparer.Ordinal);
        var generated = new List<string>();
        var all = keys.ToArray();
        foreach (var key in all.Where(k => k.DerivedFrom is null))
        {
            if (values.TryGetValue(key.Key, out var present) && present.Length > 0)
            {
                continue;
            }

            if (key.DefaultValue is { } defaultValue)
            {
                values[key.Key] = defaultValue;
            }
            else if (key.Generate is { } rules)
            {
                values[key.Key] = GeneratedValue.Of(rules);
                generated.Add(key.Key);
            }
            else
            {
                values[key.Key] = "";
            }
        }

        foreach (var derived in all.Where(k => k.DerivedFrom is not null))
        {
            var text = derived.DerivedFrom!.Render(values);
            values[derived.Key] = derived.Filter == "uri" ? Uri.EscapeDataString(text) : text;
        }

        var empty = all.Select(k => k.Key).Where(k => values[k].Length == 0).Order(StringComparer.Ordinal).ToArray();

        var file = new StringBuilder("# Generated secrets for the kustomize secretGenerator. Never commit this file.\n");
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            file.Append(key).Append('=').Append(value).Append('\n');
        }

        return (file.ToString(), generated, empty);
    }

    /// <summary>Keys without a value: a base with any of them must not be deployed.</summary>
    public static IReadOnlyList<string> EmptyKeys(IReadOnlyDictionary<string, string> values) =>
        values.Where(v => v.Value.Length == 0).Select(v => v.Key).Order(StringComparer.Ordinal).ToArray();
}
