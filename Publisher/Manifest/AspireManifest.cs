namespace Comments.Publisher.Manifest;

/// <summary>An aspire-manifest.json: resources by name, in file order.</summary>
public sealed record AspireManifest(IReadOnlyList<ManifestResource> Resources)
{
    public ManifestResource? Find(string name) => Resources.FirstOrDefault(r => r.Name == name);
}

/// <summary>One resource of the manifest, with the fields the publisher understands.</summary>
public sealed record ManifestResource(string Name, string Type)
{
    public string? Path { get; init; }
    public string? Image { get; init; }
    public string? Entrypoint { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];
    public IReadOnlyList<Binding> Bindings { get; init; } = [];
    public IReadOnlyList<Volume> Volumes { get; init; } = [];
    public IReadOnlyList<Volume> BindMounts { get; init; } = [];
    public string? ConnectionString { get; init; }
    public string? Value { get; init; }
    public string? Filter { get; init; }
    public IReadOnlyDictionary<string, ParameterInput> Inputs { get; init; } = new Dictionary<string, ParameterInput>();

    /// <summary>Resources that run as pods: projects, containers and Dockerfile builds.</summary>
    public bool IsWorkload => Kind is ResourceKind.Project or ResourceKind.Container or ResourceKind.Dockerfile;

    public ResourceKind Kind => Type switch
    {
        "project.v0" or "project.v1" => ResourceKind.Project,
        "container.v0" or "container.v1" => ResourceKind.Container,
        "dockerfile.v0" => ResourceKind.Dockerfile,
        "parameter.v0" => ResourceKind.Parameter,
        "value.v0" => ResourceKind.Value,
        "annotated.string" => ResourceKind.AnnotatedString,
        "executable.v0" => ResourceKind.Skipped,
        _ => ResourceKind.Unsupported,
    };
}

public enum ResourceKind
{
    Project,
    Container,
    Dockerfile,
    Parameter,
    Value,
    AnnotatedString,
    Skipped,
    Unsupported,
}

public sealed record Binding(string Name, string Scheme, string Protocol, string Transport, int? Port, int? TargetPort, bool External);

public sealed record Volume(string Name, string Target, bool ReadOnly);

/// <summary>An input of a parameter: a literal default, a generated value, or nothing (to be supplied).</summary>
public sealed record ParameterInput(string Name, bool Secret, string? DefaultValue, int? GenerateMinLength);
