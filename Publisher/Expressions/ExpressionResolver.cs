using System.Globalization;
using System.Text.RegularExpressions;
using Comments.Publisher.Databases;
using Comments.Publisher.Kubernetes;
using Comments.Publisher.Manifest;

namespace Comments.Publisher.Expressions;

/// <summary>
/// Resolves the manifest's <c>{resource.path}</c> expressions to in-cluster values: bindings to Service DNS names and
/// ports, connection strings and values recursively (to a fixed point), parameters to literals or Secret keys, and
/// what external resources provide (outputs, connection strings) to Secret keys the user fills. Cycles, dangling
/// references and unknown forms are problems that name where they were found; resolution goes on without them.
/// With <paramref name="substitutions"/>, references to those database servers resolve to where they run instead.
/// </summary>
public sealed partial class ExpressionResolver(
    AspireManifest manifest,
    IReadOnlyDictionary<string, string> parameterValues,
    IReadOnlyDictionary<string, ServedPorts> ports,
    Problems problems,
    IReadOnlyDictionary<string, ServerSubstitution>? substitutions = null)
{
    private const int MaxDepth = 100;

    private readonly Dictionary<string, (ResolvedValue Value, EndpointReference[] Endpoints)> _resolved = [];
    private readonly List<string> _stack = [];
    private readonly Dictionary<string, SecretKey> _secrets = [];

    /// <summary>Every Secret key a resolved value referred to.</summary>
    public IReadOnlyCollection<SecretKey> SecretKeys => _secrets.Values;

    /// <summary>Secret keys that stand for what an external resource provides, by resource name.</summary>
    public ILookup<string, string> ExternalKeys => _secrets.Values.Where(k => k.ProvidedBy is not null).ToLookup(k => k.ProvidedBy!, k => k.Key);

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
            return (Problem($"{where}: reference cycle: {string.Join(" -> ", _stack.SkipWhile(p => p != path).Append(path).Select(p => $"{{{p}}}"))}."), []);
        }

        if (_stack.Count >= MaxDepth)
        {
            return (Problem($"{where}: references nested deeper than {MaxDepth} levels at {{{path}}}."), []);
        }

        _stack.Add(path);
        try
        {
            var endpoints = new HashSet<EndpointReference>();
            var before = problems.Lines.Count;
            var value = Evaluate(path, where, endpoints);
            var result = (value, endpoints.ToArray());
            // A reference that failed is not remembered: each place that uses it reports the problem.
            if (problems.Lines.Count == before)
            {
                _resolved[path] = result;
            }

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
        // Resource names may hold dots (Catalog.API): the longest prefix that names a resource is the resource.
        ManifestResource? resource = null;
        var length = parts.Length - 1;
        while (length > 0 && (resource = manifest.Find(string.Join('.', parts[..length]))) is null)
        {
            length--;
        }

        if (resource is null)
        {
            return Problem($"{where}: {{{path}}} refers to resource '{parts[0]}', which the manifest does not have.");
        }

        var inner = $"resource '{resource.Name}'";
        if (substitutions?.GetValueOrDefault(resource.Name) is { } moved)
        {
            switch (parts[length..])
            {
                case ["connectionString"]:
                    return moved.ConnectionString;
                case ["bindings", _, var property] when moved.Binding(property) is { } value:
                    return value;
            }
        }

        switch (resource.Kind, parts[length..])
        {
            case (ResourceKind.Preview, _):
                return ResolvedValue.Of(""); // the resource's own problem says what to do

            case (ResourceKind.Unwritten, _):
                return Problem($"{where}: {{{path}}} refers to '{resource.Name}', which Aspire could not write to the manifest (\"{resource.ManifestError}\"): " +
                    "publish what it stands for as a container or a project, or leave the reference out of publish mode (builder.ExecutionContext.IsRunMode).");

            case (ResourceKind.BuildOnly, _):
                return Problem($"{where}: {{{path}}} refers to '{resource.Name}', whose image is built only for the files other images copy " +
                    "from it (build.buildOnly) and never runs: refer to the resource that serves those files (PublishWithContainerFiles), " +
                    "or run it as a server of its own (PublishAsDockerFile).");

            case (ResourceKind.Executable, _):
                return Problem($"{where}: {{{path}}} refers to executable '{resource.Name}', which is not deployed (it runs on a developer " +
                    "machine): publish it as a container or a project, or leave the reference out of publish mode (builder.ExecutionContext.IsRunMode).");

            case (ResourceKind.External, ["connectionString"]) when resource.ConnectionString is null:
            case (ResourceKind.External, ["outputs" or "secretOutputs" or "output" or "secrets", _]):
                return External(resource, path);

            case (_, ["connectionString"]):
                return resource.ConnectionString is { } connectionString
                    ? Resolve(connectionString, $"{inner}, connectionString", endpoints)
                    : Missing(path, where, resource, "connectionString");

            case (ResourceKind.Parameter or ResourceKind.Value, ["value"]):
                return resource.Value is { } value ? Resolve(value, $"{inner}, value", endpoints) : Missing(path, where, resource, "value");

            case (ResourceKind.AnnotatedString, ["value"]):
                return resource.Value is { } annotated
                    ? Filtered(resource, Resolve(annotated, $"{inner}, value", endpoints), where)
                    : Missing(path, where, resource, "value");

            // Parameters have inputs; so did the containers of Aspire 8.0 (AddPostgres: {postgres.inputs.password}).
            case (_, ["inputs", var input]):
                return Input(resource, input, path, where);

            case (_, ["bindings", var bindingName, var property]) when resource.IsWorkload:
                if (!resource.Bindings.Any(b => b.Name == bindingName))
                {
                    return Problem($"{where}: {{{path}}} refers to binding '{bindingName}', which resource '{resource.Name}' does not have.");
                }

                if (ports[resource.Name].For(bindingName) is not { } served)
                {
                    return ResolvedValue.Of(""); // the binding's own problem is reported already
                }

                endpoints.Add(new EndpointReference(resource.Name, served.Binding.Name, bindingName, property is "url" or "host" or "hostAndPort"));
                return BindingProperty(resource, served, property, path, where);

            default:
                return Problem($"{where}: unknown expression {{{path}}} (for a {resource.Type} resource).");
        }
    }

    private ResolvedValue BindingProperty(ManifestResource resource, ServedPort served, string property, string path, string where)
    {
        var host = Names.Service(resource.Name);
        var port = served.ServicePort.ToString(CultureInfo.InvariantCulture);
        return property switch
        {
            "host" => ResolvedValue.Of(host),
            "port" => ResolvedValue.Of(port),
            "targetPort" => ResolvedValue.Of(served.ContainerPort.ToString(CultureInfo.InvariantCulture)),
            "scheme" => ResolvedValue.Of(served.Binding.Scheme),
            "url" => ResolvedValue.Of($"{served.Binding.Scheme}://{host}:{port}"),
            "hostAndPort" => ResolvedValue.Of($"{host}:{port}"),
            "tlsEnabled" => ResolvedValue.Of(served.Binding.Scheme == "https" ? "true" : "false"),
            _ => Problem($"{where}: unknown binding property in {{{path}}}: use url, host, port, hostAndPort, targetPort, scheme or tlsEnabled."),
        };
    }

    /// <summary>What an external resource provides: a Secret key of that name, which the user fills before deploying.</summary>
    private ResolvedValue External(ManifestResource resource, string path)
    {
        _secrets.TryAdd(path, new SecretKey(path, null, ProvidedBy: resource.Name));
        return new ResolvedValue([new SecretSegment(path)]);
    }

    private ResolvedValue Input(ManifestResource parameter, string inputName, string path, string where)
    {
        if (parameter.Inputs.GetValueOrDefault(inputName) is not { } input)
        {
            return Problem($"{where}: {{{path}}} refers to input '{inputName}', which resource '{parameter.Name}' does not have.");
        }

        var key = inputName == "value" ? parameter.Name : $"{parameter.Name}-{inputName}";
        if (substitutions?.Values.FirstOrDefault(s => s.Server.PasswordParameter == parameter.Name) is { } moved)
        {
            return new ResolvedValue([moved.Password]);
        }

        if (input.Secret || input.Generate is not null)
        {
            _secrets.TryAdd(key, new SecretKey(key, input.Generate, input.DefaultValue));
            return new ResolvedValue([new SecretSegment(key)]);
        }

        var supplied = parameterValues.GetValueOrDefault(parameter.Name) ?? input.DefaultValue;
        return supplied is not null
            ? ResolvedValue.Of(supplied)
            : Problem($"{where}: parameter '{parameter.Name}' has no value: pass --parameter {parameter.Name}=VALUE.");
    }

    private ResolvedValue Filtered(ManifestResource annotated, ResolvedValue value, string where)
    {
        if (annotated.Filter is null)
        {
            return value;
        }

        if (annotated.Filter != "uri")
        {
            return Problem($"{where}: resource '{annotated.Name}' has filter '{annotated.Filter}'; only 'uri' is supported.");
        }

        if (!value.HasSecrets)
        {
            return ResolvedValue.Of(Uri.EscapeDataString(value.LiteralText));
        }

        // A password another Secret holds: CloudNativePG generates letters and digits, which a URI takes as they are.
        if (value.Segments is [SecretSegment { Secret: { } secret } moved])
        {
            return new ResolvedValue([new SecretSegment(annotated.Name, secret, moved.SecretKey)]);
        }

        // The encoded form of a secret is a secret too: a derived key, computed when the secrets file is filled.
        _secrets.TryAdd(annotated.Name, new SecretKey(annotated.Name, null, null, value, annotated.Filter));
        return new ResolvedValue([new SecretSegment(annotated.Name)]);
    }

    private ResolvedValue Missing(string path, string where, ManifestResource resource, string field) =>
        Problem($"{where}: {{{path}}} needs field '{field}' of resource '{resource.Name}', which it does not have.");

    /// <summary>Records a problem; the value goes on as empty text so that the rest of the manifest is still checked.</summary>
    private ResolvedValue Problem(string problem)
    {
        problems.Add(problem);
        return ResolvedValue.Of("");
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+)\}")]
    private static partial Regex Expression();
}
