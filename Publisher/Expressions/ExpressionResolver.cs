using System.Globalization;
using System.Text.RegularExpressions;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Expressions;

/// <summary>
/// Resolves the manifest's <c>{resource.path}</c> expressions to in-cluster values: bindings to Service DNS names and
/// ports, connection strings and values recursively (to a fixed point), parameters to literals or Secret keys.
/// Cycles, dangling references and unknown forms are errors that name where they were found.
/// </summary>
public sealed partial class ExpressionResolver(AspireManifest manifest, IReadOnlyDictionary<string, string> parameterValues)
{
    private const int MaxDepth = 100;

    private readonly Dictionary<string, (ResolvedValue Value, EndpointReference[] Endpoints)> _resolved = [];
    private readonly List<string> _stack = [];
    private readonly Dictionary<string, SecretKey> _secrets = [];

    /// <summary>Every Secret key a resolved value referred to.</summary>
    public IReadOnlyCollection<SecretKey> SecretKeys => _secrets.Values;

    /// <summary>Resolves <paramref name="template"/>; <paramref name="where"/> (e.g. "resource 'api', env 'X'") is used in errors.</summary>
    public ResolvedValue Resolve(string template, string where, ISet<EndpointReference>? endpoints = null)
    {
        var parts = new List<ResolvedValue>();
        var position = 0;
        foreach (Match match in Expression().Matches(template))
        {
            parts.Add(ResolvedValue.Of(template[position..match.Index]));
            var (value, used) = Reference(match.Groups[1].Value, where);
            parts.Add(value);
            endpoints?.UnionWith(used);
            position = match.Index + match.Length;
        }

        parts.Add(ResolvedValue.Of(template[position..]));
        return ResolvedValue.Concat(parts);
    }

    private (ResolvedValue, EndpointReference[]) Reference(string path, string where)
    {
        if (_resolved.TryGetValue(path, out var known))
        {
            return known;
        }

        if (_stack.Contains(path))
        {
            throw new PublishException($"{where}: reference cycle: {string.Join(" -> ", _stack.SkipWhile(p => p != path).Append(path).Select(p => $"{{{p}}}"))}.");
        }

        if (_stack.Count >= MaxDepth)
        {
            throw new PublishException($"{where}: references nested deeper than {MaxDepth} levels at {{{path}}}.");
        }

        _stack.Add(path);
        try
        {
            var endpoints = new HashSet<EndpointReference>();
            var value = Evaluate(path, where, endpoints);
            var result = (value, endpoints.ToArray());
            _resolved[path] = result;
            return result;
        }
        finally
        {
            _stack.RemoveAt(_stack.Count - 1);
        }
    }

    private ResolvedValue Evaluate(string path, string where, HashSet<EndpointReference> endpoints)
    {
        var parts = path.Split('.');
        var resource = manifest.Find(parts[0])
            ?? throw new PublishException($"{where}: {{{path}}} refers to resource '{parts[0]}', which the manifest does not have.");
        var inner = $"resource '{resource.Name}'";

        switch (parts[1..])
        {
            case ["connectionString"]:
                return Resolve(resource.ConnectionString ?? throw Missing(path, where, resource, "connectionString"), $"{inner}, connectionString", endpoints);

            case ["value"] when resource.Kind is ResourceKind.Parameter or ResourceKind.Value:
                return Resolve(resource.Value ?? throw Missing(path, where, resource, "value"), $"{inner}, value", endpoints);

            case ["value"] when resource.Kind is ResourceKind.AnnotatedString:
                return Filtered(resource, Resolve(resource.Value ?? throw Missing(path, where, resource, "value"), $"{inner}, value", endpoints), where);

            case ["inputs", var input] when resource.Kind is ResourceKind.Parameter:
                return Input(resource, input, path, where);

            case ["bindings", var bindingName, var property] when resource.IsWorkload:
                var binding = resource.Bindings.FirstOrDefault(b => b.Name == bindingName)
                    ?? throw new PublishException($"{where}: {{{path}}} refers to binding '{bindingName}', which resource '{resource.Name}' does not have.");
                endpoints.Add(new EndpointReference(resource.Name, binding.Name));
                return ResolvedValue.Of(BindingProperty(resource, binding, property, path, where));

            default:
                throw new PublishException($"{where}: unknown expression {{{path}}} (for a {resource.Type} resource).");
        }
    }

    private static string BindingProperty(ManifestResource resource, Binding binding, string property, string path, string where)
    {
        var ports = BindingPorts.Of(resource, binding);
        var host = Names.Service(resource.Name);
        return property switch
        {
            "host" => host,
            "port" => ports.ServicePort.ToString(CultureInfo.InvariantCulture),
            "targetPort" => ports.ContainerPort.ToString(CultureInfo.InvariantCulture),
            "scheme" => binding.Scheme,
            "url" => $"{binding.Scheme}://{host}:{ports.ServicePort.ToString(CultureInfo.InvariantCulture)}",
            _ => throw new PublishException($"{where}: unknown binding property in {{{path}}}: use url, host, port, targetPort or scheme."),
        };
    }

    private ResolvedValue Input(ManifestResource parameter, string inputName, string path, string where)
    {
        var input = parameter.Inputs.GetValueOrDefault(inputName)
            ?? throw new PublishException($"{where}: {{{path}}} refers to input '{inputName}', which parameter '{parameter.Name}' does not have.");

        var key = inputName == "value" ? parameter.Name : $"{parameter.Name}-{inputName}";
        if (input.Secret || input.GenerateMinLength is not null)
        {
            _secrets.TryAdd(key, new SecretKey(key, input.GenerateMinLength, input.DefaultValue));
            return new ResolvedValue([new SecretSegment(key)]);
        }

        return ResolvedValue.Of(parameterValues.GetValueOrDefault(parameter.Name) ?? input.DefaultValue
            ?? throw new PublishException($"{where}: parameter '{parameter.Name}' has no value: pass --parameter {parameter.Name}=VALUE."));
    }

    private ResolvedValue Filtered(ManifestResource annotated, ResolvedValue value, string where)
    {
        if (annotated.Filter is null)
        {
            return value;
        }

        if (annotated.Filter != "uri")
        {
            throw new PublishException($"{where}: resource '{annotated.Name}' has filter '{annotated.Filter}'; only 'uri' is supported.");
        }

        if (!value.HasSecrets)
        {
            return ResolvedValue.Of(Uri.EscapeDataString(value.LiteralText));
        }

        // The encoded form of a secret is a secret too: a derived key, computed when the secrets file is filled.
        _secrets.TryAdd(annotated.Name, new SecretKey(annotated.Name, null, null, value, annotated.Filter));
        return new ResolvedValue([new SecretSegment(annotated.Name)]);
    }

    private static PublishException Missing(string path, string where, ManifestResource resource, string field) =>
        new($"{where}: {{{path}}} needs field '{field}' of resource '{resource.Name}', which it does not have.");

    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)\}")]
    private static partial Regex Expression();
}
