namespace Comments.Publisher.Manifest;

/// <summary>Input the publisher cannot turn into Kubernetes objects: every problem found, one line each.</summary>
public sealed class PublishException(IReadOnlyList<string> problems) : Exception(string.Join('\n', problems))
{
    public PublishException(string problem)
        : this([problem])
    {
    }

    public IReadOnlyList<string> Problems { get; } = problems;
}
