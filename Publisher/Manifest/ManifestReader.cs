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

            return new AspireManifest(resources.EnumerateObject().Select(r => ReadResource(r, source)).ToArray());
        }
    }

    private static ManifestResource ReadResource(JsonProperty property, string source)
    {
        var fields = new Fields(source, property.Name, property.Value);
        return new ManifestResource(property.Name, fields.RequiredString("type"))
        {
            Path = fields.OptionalString("path"),
            Image = fields.OptionalString("image"),
            Entrypoint = fields.OptionalString("entrypoint"),
            Args = fields.StringArray("args"),
            Env = fields.StringMap("env"),
            Bindings = fields.Objects("bindings").Select(b => new Binding(
                b.Name,
                b.Fields.OptionalString("scheme") ?? "tcp",
                b.Fields.OptionalString("protocol") ?? "tcp",
                b.Fields.OptionalString("transport") ?? "tcp",
                b.Fields.OptionalInt("port"),
                b.Fields.OptionalInt("targetPort"),
                b.Fields.OptionalBool("external") ?? false)).ToArray(),
            Volumes = fields.Array("volumes").Select(v => new Volume(
                v.RequiredString("name"), v.RequiredString("target"), v.OptionalBool("readOnly") ?? false)).ToArray(),
            BindMounts = fields.Array("bindMounts").Select(v => new Volume(
                v.OptionalString("source") ?? "", v.RequiredString("target"), v.OptionalBool("readOnly") ?? false)).ToArray(),
            ConnectionString = fields.OptionalString("connectionString"),
            Value = fields.OptionalString("value"),
            Filter = fields.OptionalString("filter"),
            Inputs = fields.Objects("inputs").ToDictionary(i => i.Name, i => new ParameterInput(
                i.Name,
                i.Fields.OptionalBool("secret") ?? false,
                i.Fields.Child("default")?.OptionalString("value"),
                i.Fields.Child("default")?.Child("generate") is { } generate ? generate.OptionalInt("minLength") ?? 22 : null)),
        };
    }

    private static string FirstSentence(string message) =>
        message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ') + ".";

    /// <summary>Typed access to a JSON object's fields, with errors naming the resource and the field path.</summary>
    private sealed class Fields(string source, string resource, JsonElement element, string path = "")
    {
        public string RequiredString(string name) =>
            OptionalString(name) ?? throw Error(name, "is required");

        public string? OptionalString(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            _ => throw Error(name, "must be a string"),
        };

        public int? OptionalInt(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number is > 0 and < 65536 => number,
            _ => throw Error(name, "must be a port number (1-65535)"),
        };

        public bool? OptionalBool(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => throw Error(name, "must be true or false"),
        };

        public string[] StringArray(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select((item, index) => item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Error($"{name}[{index}]", "must be a string")).ToArray(),
            _ => throw Error(name, "must be an array of strings"),
        };

        public KeyValuePair<string, string>[] StringMap(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.String
                ? KeyValuePair.Create(p.Name, p.Value.GetString()!)
                : throw Error($"{name}.{p.Name}", "must be a string")).ToArray(),
            _ => throw Error(name, "must be an object of strings"),
        };

        public (string Name, Fields Fields)[] Objects(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Object } map => map.EnumerateObject().Select(p => p.Value.ValueKind == JsonValueKind.Object
                ? (p.Name, new Fields(source, resource, p.Value, $"{path}{name}.{p.Name}."))
                : throw Error($"{name}.{p.Name}", "must be an object")).ToArray(),
            _ => throw Error(name, "must be an object"),
        };

        public Fields[] Array(string name) => Get(name) switch
        {
            null => [],
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select((item, index) => item.ValueKind == JsonValueKind.Object
                ? new Fields(source, resource, item, $"{path}{name}[{index}].")
                : throw Error($"{name}[{index}]", "must be an object")).ToArray(),
            _ => throw Error(name, "must be an array"),
        };

        public Fields? Child(string name) => Get(name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Object } child => new Fields(source, resource, child, $"{path}{name}."),
            _ => throw Error(name, "must be an object"),
        };

        private JsonElement? Get(string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private PublishException Error(string name, string problem) =>
            new($"{source}: resource '{resource}', field '{path}{name}' {problem}.");
    }
}
