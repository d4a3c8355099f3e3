using System.Text;

namespace Comments.Publisher.Kubernetes;

/// <summary>Kubernetes names and the labels every emitted object carries.</summary>
public static class Names
{
    public const string NameLabel = "app.kubernetes.io/name";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedBy = "aspire-k8s-publisher";

    /// <summary>A DNS-1123 label from a manifest name: lower case, [a-z0-9-], at most 63 characters.</summary>
    public static string Service(string resourceName)
    {
        var name = new StringBuilder(resourceName.Length);
        foreach (var c in resourceName.ToLowerInvariant())
        {
            name.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var text = name.ToString().Trim('-');
        return text.Length switch
        {
            0 => "resource",
            > 63 => text[..63].TrimEnd('-'),
            _ => text,
        };
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
}
