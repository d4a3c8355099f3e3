using System.Xml.Linq;

namespace Comments.Api.Tests.NativeAot;

/// <summary>
/// The native AOT compiler's rd.xml directives: each listed type (a closed generic or an array) is compiled into the
/// executable, so the runtime finds it instead of building it with its type loader.
/// </summary>
internal static class RdXml
{
    private static readonly XNamespace Ns = "http://schemas.microsoft.com/netfx/2013/01/metadata";

    /// <summary>A type as rd.xml names it: generic arguments assembly-qualified, in double brackets.</summary>
    public static string Name(Type type) =>
        type.IsArray ? Name(type.GetElementType()!) + "[]"
        : !type.IsGenericType ? type.FullName!
        : type.GetGenericTypeDefinition().FullName + "["
          + string.Join(",", type.GetGenericArguments().Select(a => $"[{Name(a)}, {AssemblyOf(a)}]")) + "]";

    public static ISet<string> ReadTypeNames(string path) =>
        XDocument.Load(path).Descendants(Ns + "Type").Select(t => (string)t.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);

    public static string Write(IEnumerable<Type> types, string comment) =>
        new XDocument(
            new XComment(comment),
            new XElement(Ns + "Directives",
                new XElement(Ns + "Application",
                    types.GroupBy(AssemblyOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(assembly =>
                        new XElement(Ns + "Assembly", new XAttribute("Name", assembly.Key),
                            assembly.Select(Name).Distinct().Order(StringComparer.Ordinal).Select(name =>
                                new XElement(Ns + "Type", new XAttribute("Name", name), new XAttribute("Dynamic", "Required All")))))))).ToString() + "\n";

    // rd.xml lists a type under the assembly that defines it (for an array, its element's).
    private static string AssemblyOf(Type type) => (type.IsArray ? type.GetElementType()! : type).Assembly.GetName().Name!;
}
