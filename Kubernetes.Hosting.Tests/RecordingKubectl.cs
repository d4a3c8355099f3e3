using AspireK8s.Hosting;

namespace Comments.Kubernetes.Hosting.Tests;

/// <summary>Stands in for kubectl in-process: records each call and answers from a script of results.</summary>
internal sealed class RecordingKubectl(string rendered, Func<IReadOnlyList<string>, KubectlResult?>? answer = null) : IKubectl
{
    public List<string> Calls { get; } = [];

    public Task<KubectlResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        Calls.Add(string.Join(' ', arguments));
        return Task.FromResult(answer?.Invoke(arguments) ?? arguments[0] switch
        {
            "kustomize" => new KubectlResult(0, rendered, ""),
            "diff" => new KubectlResult(1, "diff -u -N /tmp/LIVE-1/apps.v1.Deployment.comments.api /tmp/MERGED-1/apps.v1.Deployment.comments.api\n", ""),
            _ => new KubectlResult(0, "", ""),
        });
    }
}
