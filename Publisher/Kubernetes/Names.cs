using System.Security.Cryptography;
using System.Text;

namespace Comments.Publisher.Kubernetes;

/// <summary>Kubernetes names and the labels every emitted object carries.</summary>
public static class Names
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "aspire-k8s-publisher";

    /// <summary>
    /// Longest workload name: a StatefulSet's pods add "-N" and its controller-revision-hash label "-" and ten
    /// characters, which must stay within the 63 of a label; "-headless" fits too.
    /// </summary>
    public const int MaxWorkloadName = 52;

    private const int MaxPortName = 15;

    /// <summary>
    /// The name of a resource's objects: a DNS-1035 label (lower case, [a-z0-9-], starting with a letter) of at most
    /// <see cref="MaxWorkloadName"/> characters. A name cut to fit ends in a hash of the whole, so two long names stay apart.
    /// </summary>
    public static string Service(string resourceName) => Label(resourceName, MaxWorkloadName);

    /// <summary>A volume claim template's name: short enough that the claims "name-statefulset-N" stay labels too.</summary>
    public static string Claim(string volumeName, string statefulSet) =>
        Label(volumeName, Math.Max(16, 63 - statefulSet.Length - "-999".Length - 1));

    /// <summary>
    /// A container port name (IANA service name): at most 15 characters of [a-z0-9-], at least one letter, no "--",
    /// unique in its pod (<paramref name="taken"/>).
    /// </summary>
    public static string Port(string bindingName, ISet<string> taken)
    {
        var name = Sanitize(bindingName);
        while (name.Contains("--", StringComparison.Ordinal))
        {
            name = name.Replace("--", "-", StringComparison.Ordinal);
        }

        name = Cut(name.Any(char.IsAsciiLetter) ? name : $"port-{name}".TrimEnd('-'), MaxPortName);
        var unique = name;
        for (var n = 2; !taken.Add(unique); n++)
        {
            var suffix = $"-{n}";
            unique = Cut(name, MaxPortName - suffix.Length) + suffix;
        }

        return unique;
    }

    /// <summary>Labels that select a workload's pods.</summary>
    public static Dictionary<string, string> Selector(string resourceName) => new() { [NameLabel] = Service(resourceName) };

    public static Dictionary<string, string> Labels(string resourceName, string component) => new()
    {
        [NameLabel] = Service(resourceName),
        [ComponentLabel] = component,
        [ManagedByLabel] = ManagedBy,
    };

    /// <summary>An environment variable name for a Secret key, used to splice secrets into values with $(NAME).</summary>
    public static string SecretVariable(string key)
    {
        var name = new StringBuilder("SECRET_");
        foreach (var c in key)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return name.ToString();
    }

    private static string Label(string text, int maxLength)
    {
        var name = Sanitize(text);
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name = $"r-{name}".TrimEnd('-');
        }

        if (name.Length <= maxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
        return $"{Cut(name, maxLength - hash.Length - 1)}-{hash}";
    }

    private static string Cut(string name, int maxLength) => name.Length > maxLength ? name[..maxLength].TrimEnd('-') : name;

    private static string Sanitize(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return name.ToString().Trim('-');
    }
}
