namespace Comments.Publisher.Manifest;

/// <summary>
/// The problems of one manifest, collected so that a run reports all of them, compiler style: one line each, naming
/// the file, the resource and the field, in the order found, without repeats.
/// </summary>
public sealed class Problems(string source)
{
    private readonly List<string> _lines = [];
    private readonly HashSet<string> _seen = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Add(string problem)
    {
        var line = $"{source}: {problem}";
        if (_seen.Add(line))
        {
            _lines.Add(line);
        }
    }

    public void ThrowIfAny()
    {
        if (_lines.Count > 0)
        {
            throw new PublishException(_lines);
        }
    }
}
