using System.Diagnostics.Tracing;
using System.Text.Json;

namespace Comments.Api.Tests.NativeAot;

/// <summary>
/// Records the call sites Microsoft.Extensions.DependencyInjection builds (its event source describes each one as
/// JSON when it is first resolved), and names the types a native AOT build would have to construct at run time for
/// them: generic implementations closed from open generic registrations, and the arrays behind IEnumerable services.
/// </summary>
internal sealed class DependencyInjectionCallSites : EventListener
{
    private readonly List<(int Provider, string ServiceType, int Chunk, string Json)> _chunks = [];

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
        {
            EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // CallSiteBuilt(serviceType, callSite, chunkIndex, chunkCount, serviceProviderHashCode): long descriptions
        // arrive in several chunks.
        if (eventData.EventName != "CallSiteBuilt" || eventData.Payload is not [string serviceType, string json, int chunk, _, int provider])
        {
            return;
        }

        lock (_chunks)
        {
            _chunks.Add((provider, serviceType, chunk, json));
        }
    }

    /// <summary>The runtime-built types of every call site that <paramref name="services"/> has built so far.</summary>
    public IReadOnlySet<Type> RuntimeBuiltTypes(IServiceProvider services)
    {
        var provider = services.GetHashCode();
        List<string> callSites;
        lock (_chunks)
        {
            callSites = _chunks.Where(c => c.Provider == provider)
                .GroupBy(c => c.ServiceType)
                .Select(g => string.Concat(g.OrderBy(c => c.Chunk).Select(c => c.Json)))
                .ToList();
        }

        var types = new HashSet<Type>();
        foreach (var json in callSites)
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement, types);
        }

        return types;
    }

    private static void Collect(JsonElement element, HashSet<Type> types)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                Collect(child, types);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("implementationType", out var implementation) && ResolveType(implementation.GetString()!) is { IsGenericType: true } generic)
        {
            types.Add(generic);
        }

        if (element.TryGetProperty("itemType", out var item))
        {
            types.Add(ResolveType(item.GetString()!).MakeArrayType());
        }

        foreach (var property in element.EnumerateObject())
        {
            Collect(property.Value, types);
        }
    }

    // The event names types as Type.ToString() does: generic arguments without their assemblies. A type built in this
    // process is loaded in it, so a name that does not resolve means the event's format changed.
    private static Type ResolveType(string name) =>
        Type.GetType(name, null, (assembly, typeName, _) => assembly?.GetType(typeName)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is not null))
        ?? throw new InvalidOperationException($"The dependency injection event named a type that does not resolve: {name}");
}
