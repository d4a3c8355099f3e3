using System.Text.Json;

namespace Comments.Publisher.Manifest;

/// <summary>Parses aspire-manifest.json text into an <see cref="AspireManifest"/>, with errors that say where.</summary>
public static class ManifestReader
{
    public static AspireManifest Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new PublishException($"{source}:{line}:{column}: invalid JSON: {FirstSentence(ex.Message)}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("resources", out var resources)
                || resources.ValueKind != JsonValueKind.Object)
            {
                throw new PublishException($"{source}: not an Aspire manifest: expected an object with a \"resources\" object.");
            }

            var problems = new Problems(source);
            var manifest = new AspireManifest(resources.EnumerateObject().Select(r => ReadResource(r, problems)).ToArray(), source);
            problems.ThrowIfAny();
            return manifest;
        }
    }

    private static ManifestResource ReadResource(JsonProperty property, Problems problems)
    {
        var fields = new Fields(problems, property.Name, property.Value);
        var build = fields.Child("build");
        var dapr = fields.Child("dapr");
        var error = fields.OptionalString("error");
        var type = error is not null ? fields.OptionalString("type") ?? "" : fields.RequiredString("type");
        return new ManifestResource(property.Name, type)
        {
            Path = fields.OptionalString("path"),
            Image = fields.OptionalString("image"),
            Build = type == "dockerfile.v0"
                ? new ContainerBuild(fields.OptionalString("context") ?? ".", fields.OptionalString("path"))
                : build is null ? null : new ContainerBuild(build.OptionalString("context") ?? ".", build.OptionalString("dockerfile"), build.OptionalBool("buildOnly") ?? false),
            ContainerFiles = fields.Objects("containerFiles").Select(f => new ContainerFiles(
                f.Name, f.Fields.RequiredString("destination"), f.Fields.StringArray("sources"))).ToArray(),
            Entrypoint = fields.OptionalString("entrypoint"),
            Command = fields.OptionalString("command"),
            Args = fields.StringArray("args"),
            Env = fields.StringMap("env"),
            Bindings = fields.Objects("bindings").Select(b => new Binding(
                b.Name,
                b.Fields.OptionalString("scheme") ?? "tcp",
                b.Fields.OptionalString("protocol") ?? "tcp",
                b.Fields.OptionalString("transport") ?? "tcp",
                b.Fields.OptionalPort("port"),
                b.Fields.OptionalPort("targetPort"),
                b.Fields.OptionalBool("external") ?? false)).ToArray(),
            // An anonymous volume (WithVolume(target)) has no name.
            Volumes = fields.Array("volumes").Select((v, i) => new Volume(
                v.OptionalString("name") ?? $"data-{i}", v.RequiredString("target"), v.OptionalBool("readOnly") ?? false)).ToArray(),
            BindMounts = fields.Array("bindMounts").Select(v => new Volume(
                v.OptionalString("source") ?? "", v.RequiredString("target"), v.OptionalBool("readOnly") ?? false)).ToArray(),
            ConnectionString = fields.OptionalString("connectionString"),
            Value = fields.OptionalString("value"),
            Filter = fields.OptionalString("filter"),
            Inputs = fields.Objects("inputs").ToDictionary(i => i.Name, i => new ParameterInput(
                i.Name,
                i.Fields.OptionalBool("secret") ?? false,
                i.Fields.Child("default")?.OptionalString("value"),
                i.Fields.Child("default")?.Child("generate") is { } generate ? generate.Generate() : null)),
            Dapr = dapr is null ? null : new DaprSidecar(
                dapr.OptionalString("application") ?? "",
                dapr.OptionalString("appId"),
                dapr.OptionalPort("appPort"),
                dapr.OptionalString("appProtocol"),
                dapr.StringArray("components")),
            DaprComponentType = fields.Child("daprComponent")?.OptionalString("type"),
            ManifestError = error,
        };
    }

    private static string FirstSentence(string message) =>
        message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ') + ".";

    /// <summary>Typed access to a JSON object's fields, with errors naming the resource and the field path.</summary>
    /// <summary>
    /// Typed access to a JSON object's fields. A field of the wrong shape is a problem naming the resource and the
    /// field path; reading goes on with the field left out, so that one run finds every such problem.
    /// </summary>
    private sealed class Fields(Problems problems, string resource, JsonElement element, string path = "")
    {
        public string RequiredString(string name) =>
            Get(name) is null ? Error(name, "is required", "") : OptionalString(name) ?? "";

        public string? OptionalString(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => Error<string?>(name, "must be a string", null),
        };

        public int? OptionalPort(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number is > 0 and < 65536 => number,
            _ => Error<int?>(name, "must be a port number (1-65535)", null),
        };

        public int? OptionalCount(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number >= 0 => number,
            _ => Error<int?>(name, "must be a whole number", null),
        };

        public bool? OptionalBool(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => Error<bool?>(name, "must be true or false", null),
        };

        public string[] StringArray(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select((item, index) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : Error($"{name}[{index}]", "must be a string", "")).ToArray(),
            _ => Error<string[]>(name, "must be an array of strings", []),
        };

        public KeyValuePair<string, string>[] StringMap(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String
                ? KeyValuePair.Create(p.Name, p.Value.GetString()!)
                : KeyValuePair.Create(p.Name, Error($"{name}.{p.Name}", "must be a string", ""))).ToArray(),
            _ => Error<KeyValuePair<string, string>[]>(name, "must be an object of strings", []),
        };

        public (string Name, Fields Fields)[] Objects(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Object } map => map.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Object || Error($"{name}.{p.Name}", "must be an object", false))
                .Select(p => (p.Name, new Fields(problems, resource, p.Value, $"{path}{name}.{p.Name}."))).ToArray(),
            _ => Error<(string, Fields)[]>(name, "must be an object", []),
        };

        public Fields[] Array(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Select((item, index) => (item, index))
                .Where(x => x.item.ValueKind == JsonValueKind.Object || Error($"{name}[{x.index}]", "must be an object", false))
                .Select(x => new Fields(problems, resource, x.item, $"{path}{name}[{x.index}].")).ToArray(),
            _ => Error<Fields[]>(name, "must be an array", []),
        };

        public Fields? Child(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } child => new Fields(problems, resource, child, $"{path}{name}."),
            _ => Error<Fields?>(name, "must be an object", null),
        };

        /// <summary>The rules of a <c>generate</c> object; a class that is off cannot have a minimum, and one class must be on.</summary>
        public GenerateRules Generate()
        {
            var rules = new GenerateRules(
                OptionalCount("minLength") ?? 22,
                OptionalBool("lower") ?? true,
                OptionalBool("upper") ?? true,
                OptionalBool("numeric") ?? true,
                OptionalBool("special") ?? true,
                OptionalCount("minLower") ?? 0,
                OptionalCount("minUpper") ?? 0,
                OptionalCount("minNumeric") ?? 0,
                OptionalCount("minSpecial") ?? 0);
            var classes = new[]
            {
                (rules.Lower, rules.MinLower, "lower", "minLower"), (rules.Upper, rules.MinUpper, "upper", "minUpper"),
                (rules.Numeric, rules.MinNumeric, "numeric", "minNumeric"), (rules.Special, rules.MinSpecial, "special", "minSpecial"),
            };
            foreach (var (_, _, name, minimumName) in classes.Where(c => !c.Item1 && c.Item2 > 0))
            {
                Error(minimumName, $"must be 0 when '{name}' is false", 0);
            }

            return rules is { Lower: false, Upper: false, Numeric: false, Special: false }
                ? Error("special", "leaves no character to generate from: allow lower, upper, numeric or special", rules)
                : rules;
        }

        private JsonElement? Get(string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private T Error<T>(string name, string problem, T fallback)
        {
            problems.Add($"resource '{resource}', field '{path}{name}' {problem}.");
            return fallback;
        }
    }
}
