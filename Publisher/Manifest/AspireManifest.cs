namespace Comments.Publisher.Manifest;

/// <summary>An aspire-manifest.json: resources by name, in file order.</summary>
public sealed record AspireManifest(IReadOnlyList<ManifestResource> Resources, string Source = "aspire-manifest.json")
{
    public ManifestResource? Find(string name) => Resources.FirstOrDefault(r => r.Name == name);
}

/// <summary>One resource of the manifest, with the fields the publisher understands.</summary>
public sealed record ManifestResource(string Name, string Type)
{
    /// <summary>The project file (project.*) or the Dockerfile (dockerfile.v0).</summary>
    public string? Path { get; init; }
    public string? Image { get; init; }
    /// <summary>What a Dockerfile build (dockerfile.v0, container.v1 with build) builds from.</summary>
    public ContainerBuild? Build { get; init; }
    /// <summary>Files this resource's image takes from the images of other resources (PublishWithContainerFiles).</summary>
    public IReadOnlyList<ContainerFiles> ContainerFiles { get; init; } = [];
    public string? Entrypoint { get; init; }
    public string? Command { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];
    public IReadOnlyList<Binding> Bindings { get; init; } = [];
    public IReadOnlyList<Volume> Volumes { get; init; } = [];
    public IReadOnlyList<Volume> BindMounts { get; init; } = [];
    public string? ConnectionString { get; init; }
    public string? Value { get; init; }
    public string? Filter { get; init; }
    public IReadOnlyDictionary<string, ParameterInput> Inputs { get; init; } = new Dictionary<string, ParameterInput>();
    public DaprSidecar? Dapr { get; init; }
    /// <summary>The component type of a dapr.component.v0 resource (state.redis, pubsub.kafka, ...).</summary>
    public string? DaprComponentType { get; init; }

    /// <summary>What Aspire wrote instead of a resource it could not write to the manifest (an "error" field).</summary>
    public string? ManifestError { get; init; }

    /// <summary>Resources that run as pods: projects, containers and Dockerfile builds.</summary>
    public bool IsWorkload => Kind is ResourceKind.Project or ResourceKind.Container or ResourceKind.Build;

    public ResourceKind Kind => ResourceTypes.KindOf(this);
}

public enum ResourceKind
{
    /// <summary>project.v0/v1: a .NET project, built into a .NET image.</summary>
    Project,
    /// <summary>container.v0/v1 with an image: a third-party image.</summary>
    Container,
    /// <summary>dockerfile.v0, container.v1 with build: the app's own image, in any language.</summary>
    Build,
    /// <summary>container.v1 with build.buildOnly (AddViteApp, AddJavaScriptApp): an image built only for the files other images copy from it; not deployed.</summary>
    BuildOnly,
    /// <summary>executable.v0: a process on the developer's machine; not deployed.</summary>
    Executable,
    Parameter,
    Value,
    AnnotatedString,
    /// <summary>dapr.v0: a Dapr sidecar of an app; the Dapr operator injects it in the cluster.</summary>
    DaprSidecar,
    /// <summary>Cloud resources and other types the cluster does not run (azure.bicep.*, aws.*, dapr.component.v0, ...).</summary>
    External,
    /// <summary>A form written by the Aspire 8 previews, before 8.0 GA: refused.</summary>
    Preview,
    /// <summary>
    /// A resource Aspire could not write to the manifest: an "error" field instead of a type (any resource without a
    /// manifest form, compute environments among them). Left out with a warning; a reference to it is a problem.
    /// </summary>
    Unwritten,
}

public sealed record Binding(string Name, string Scheme, string Protocol, string Transport, int? Port, int? TargetPort, bool External);

public sealed record Volume(string Name, string Target, bool ReadOnly);

public sealed record ContainerBuild(string Context, string? Dockerfile, bool BuildOnly = false);

/// <summary>Files copied into an image from the image of <paramref name="Source"/>: its <paramref name="Paths"/> to <paramref name="Destination"/>.</summary>
public sealed record ContainerFiles(string Source, string Destination, IReadOnlyList<string> Paths);

public sealed record DaprSidecar(string Application, string? AppId, int? AppPort, string? AppProtocol, IReadOnlyList<string> Components);

/// <summary>An input of a parameter: a literal default, a generated value, or nothing (to be supplied).</summary>
public sealed record ParameterInput(string Name, bool Secret, string? DefaultValue, GenerateRules? Generate);

/// <summary>
/// What a generated value must be (the manifest's <c>default.generate</c>): at least <see cref="MinLength"/> long,
/// only of the character classes allowed, with at least the minimum of each. SQL Server's password policy, for one,
/// needs its minimums met.
/// </summary>
public sealed record GenerateRules(
    int MinLength = 22,
    bool Lower = true,
    bool Upper = true,
    bool Numeric = true,
    bool Special = true,
    int MinLower = 0,
    int MinUpper = 0,
    int MinNumeric = 0,
    int MinSpecial = 0);
