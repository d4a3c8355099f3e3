using System.Diagnostics;

namespace AspireK8s.Hosting;

public sealed record KubectlResult(int ExitCode, string Output, string Error);

/// <summary>Runs kubectl; the deploy and destroy steps go through this, so tests can stand in for the cluster.</summary>
public interface IKubectl
{
    Task<KubectlResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken);
}

/// <summary>The kubectl on PATH, with the current kubeconfig context.</summary>
public sealed class KubectlProcess : IKubectl
{
    public async Task<KubectlResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new DeploymentException([$"kubectl could not be started ({ex.Message}): install kubectl and put it on PATH, with a kubeconfig context for the cluster."]);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return new KubectlResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }
}

/// <summary>Why a deploy or destroy stopped: every problem, each a line that says what to do.</summary>
public sealed class DeploymentException(IReadOnlyList<string> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
