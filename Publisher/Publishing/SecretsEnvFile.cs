using System.Security.Cryptography;
using System.Text;
using Comments.Publisher.Expressions;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Publishing;

/// <summary>
/// The git-ignored env file behind the generated Secret (<c>KEY=VALUE</c> lines, kustomize's format). Values that
/// are present stay as they are (CI may write them from its own secrets); generated inputs that are missing get a
/// strong random value; derived values (e.g. URI-encoded passwords) are recomputed from the others every time.
/// </summary>
public static class SecretsEnvFile
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

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

    /// <summary>The file's new content and the keys that were generated now.</summary>
    public static (string Text, IReadOnlyList<string> Generated) Fill(
        IReadOnlyDictionary<string, string> existing, IEnumerable<SecretKey> keys, string source)
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
                continue;
            }

            if (key.GenerateMinLength is not { } length)
            {
                throw new PublishException($"{source}: secret '{key.Key}' has no value and is not generated: add {key.Key}=... to the file.");
            }

            values[key.Key] = Random(Math.Max(length, 32));
            generated.Add(key.Key);
        }

        foreach (var derived in all.Where(k => k.DerivedFrom is not null))
        {
            var text = derived.DerivedFrom!.Render(values);
            values[derived.Key] = derived.Filter == "uri" ? Uri.EscapeDataString(text) : text;
        }

        var file = new StringBuilder("# Generated secrets for the kustomize secretGenerator. Never commit this file.\n");
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            file.Append(key).Append('=').Append(value).Append('\n');
        }

        return (file.ToString(), generated);
    }

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
