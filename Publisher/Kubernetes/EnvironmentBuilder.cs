using Comments.Publisher.Expressions;
using k8s.Models;

namespace Comments.Publisher.Kubernetes;

/// <summary>
/// Turns resolved values into container environment variables and arguments. A value that is wholly a secret is a
/// secretKeyRef; a value that mixes text and secrets (a connection string) is assembled by the kubelet from helper
/// variables with <c>$(NAME)</c>, so the composed secret never appears in any file.
/// </summary>
public sealed class EnvironmentBuilder(string secretName)
{
    private readonly List<V1EnvVar> _helpers = [];
    private readonly List<V1EnvVar> _variables = [];

    public void Add(string name, ResolvedValue value)
    {
        if (value.Segments is [SecretSegment only])
        {
            _variables.Add(SecretReference(name, only));
            return;
        }

        _variables.Add(new V1EnvVar { Name = name, Value = Expand(value) });
    }

    /// <summary>An argument; secrets in it are spliced in from helper variables too.</summary>
    public string Argument(ResolvedValue value) => Expand(value);

    /// <summary>Helper variables first: $(NAME) only sees variables defined before it.</summary>
    public List<V1EnvVar>? Build() => _helpers.Count + _variables.Count == 0 ? null : [.. _helpers, .. _variables];

    private string Expand(ResolvedValue value) => string.Concat(value.Segments.Select(segment => segment switch
    {
        // Kubernetes would expand a literal "$(" itself; "$$(" keeps it as typed.
        LiteralSegment literal => literal.Text.Replace("$(", "$$(", StringComparison.Ordinal),
        SecretSegment secret => $"$({Helper(secret)})",
        _ => throw new InvalidOperationException(),
    }));

    private string Helper(SecretSegment secret)
    {
        var name = Names.SecretVariable(secret.Key);
        if (_helpers.All(h => h.Name != name))
        {
            _helpers.Add(SecretReference(name, secret));
        }

        return name;
    }

    private V1EnvVar SecretReference(string name, SecretSegment secret) => new()
    {
        Name = name,
        ValueFrom = new V1EnvVarSource
        {
            SecretKeyRef = new V1SecretKeySelector { Name = secret.Secret ?? secretName, Key = secret.SecretKey ?? secret.Key },
        },
    };
}
