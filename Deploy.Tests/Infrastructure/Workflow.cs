using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests.Infrastructure;

/// <summary>A GitHub Actions workflow of .github/workflows, read as YAML.</summary>
public sealed class Workflow
{
    public static readonly string Directory = RepositoryRoot.Combine(".github", "workflows");

    private Workflow(string file, YamlMappingNode root) => (File, Root) = (file, root);

    public string File { get; }

    public YamlMappingNode Root { get; }

    public IEnumerable<(string Name, YamlMappingNode Job)> Jobs =>
        ((YamlMappingNode)Root["jobs"]).Children.Select(j => (j.Key.ToString(), (YamlMappingNode)j.Value));

    public static Workflow Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Directory, file));
        stream.Load(reader);
        return new Workflow(file, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Job(string name) => (YamlMappingNode)((YamlMappingNode)Root["jobs"])[name];

    public static IReadOnlyList<YamlMappingNode> StepsOf(YamlMappingNode job) =>
        job.Children.TryGetValue("steps", out var steps) ? ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>().ToList() : [];

    /// <summary>The <c>run</c> steps of a job, with their names.</summary>
    public IEnumerable<(string Name, string Run)> Steps(string job) =>
        StepsOf(Job(job))
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => (step.Children.TryGetValue("name", out var name) ? name.ToString() : "", step["run"].ToString()));

    /// <summary>The run script of the step whose name starts with <paramref name="prefix"/>.</summary>
    public string Run(string job, string prefix) =>
        Steps(job).Single(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)).Run;

    /// <summary>Every scalar under <paramref name="node"/>: where <c>${{ … }}</c> expressions can be.</summary>
    public static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode scalar => [scalar.Value ?? ""],
        YamlSequenceNode sequence => sequence.Children.SelectMany(Scalars),
        YamlMappingNode mapping => mapping.Children.SelectMany(c => Scalars(c.Key).Concat(Scalars(c.Value))),
        _ => [],
    };
}
