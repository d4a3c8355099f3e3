using System.Text.RegularExpressions;
using Comments.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Comments.Deploy.Tests;

/// <summary>
/// Every <c>steps.X.outputs.Y</c> and <c>needs.J.outputs.Y</c> a workflow reads is produced: by an earlier step of the
/// same job that writes <c>Y=</c> to <c>$GITHUB_OUTPUT</c> (or an action known to output it), or by a job it needs
/// that declares the output. GitHub gives an empty string for anything else, which would reach the cluster silently.
/// </summary>
public sealed partial class WorkflowOutputTests
{
    /// <summary>Outputs of the third-party actions we read, from their action.yml.</summary>
    private static readonly Dictionary<string, string[]> ActionOutputs = new(StringComparer.Ordinal)
    {
        ["aws-actions/amazon-ecr-login"] = ["registry"],
    };

    public static TheoryData<string> WorkflowFiles() => WorkflowTests.WorkflowFiles();

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_output_a_step_or_job_reads_is_produced_before_it(string file)
    {
        var workflow = Workflow.Load(file);
        var jobOutputs = workflow.Jobs.ToDictionary(j => j.Name, j => Keys(j.Job, "outputs"));
        var problems = new List<string>();

        foreach (var (name, job) in workflow.Jobs)
        {
            var needs = job.Children.TryGetValue("needs", out var n) ? Workflow.Scalars(n).ToHashSet(StringComparer.Ordinal) : [];
            foreach (Match read in NeedsOutput().Matches(string.Join('\n', Workflow.Scalars(job))))
            {
                var (from, output) = (read.Groups[1].Value, read.Groups[2].Value);
                if (!needs.Contains(from))
                {
                    problems.Add($"{file}, job {name}: reads {read.Value} but does not need {from}");
                }
                else if (!jobOutputs[from].Contains(output))
                {
                    problems.Add($"{file}, job {name}: reads {read.Value} but job {from} has no output {output}");
                }
            }

            var produced = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var step in Workflow.StepsOf(job))
            {
                CheckStepReads(Workflow.Scalars(step), produced, $"{file}, job {name}, step {StepName(step)}", problems);
                if (step.Children.TryGetValue("id", out var id))
                {
                    produced[id.ToString()] = Produces(step);
                }
            }

            if (job.Children.TryGetValue("outputs", out var outputs))
            {
                CheckStepReads(Workflow.Scalars(outputs), produced, $"{file}, job {name}, outputs", problems);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_check_finds_a_read_of_an_output_nobody_writes()
    {
        var problems = new List<string>();
        var produced = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal) { ["outputs"] = ["cluster_name"] };

        CheckStepReads(["${{ steps.outputs.outputs.cluster_name }}", "${{ steps.outputs.outputs.certificate_arn }}", "${{ steps.later.outputs.x }}"], produced, "here", problems);

        Assert.Equal(["here: reads steps.outputs.outputs.certificate_arn, which step outputs does not write", "here: reads steps.later.outputs.x, but no earlier step has the id later"], problems);
    }

    private static void CheckStepReads(IEnumerable<string> scalars, Dictionary<string, HashSet<string>> produced, string where, List<string> problems)
    {
        foreach (Match read in StepOutput().Matches(string.Join('\n', scalars)))
        {
            var (step, output) = (read.Groups[1].Value, read.Groups[2].Value);
            if (!produced.TryGetValue(step, out var outputs))
            {
                problems.Add($"{where}: reads {read.Value}, but no earlier step has the id {step}");
            }
            else if (!outputs.Contains(output))
            {
                problems.Add($"{where}: reads {read.Value}, which step {step} does not write");
            }
        }
    }

    private static HashSet<string> Produces(YamlMappingNode step)
    {
        if (step.Children.TryGetValue("run", out var run))
        {
            return WritesOutput().Matches(run.ToString()).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        }

        var action = step["uses"].ToString().Split('@')[0];
        return ActionOutputs.TryGetValue(action, out var outputs) ? [.. outputs] : [];
    }

    private static HashSet<string> Keys(YamlMappingNode job, string key) =>
        job.Children.TryGetValue(key, out var node) ? ((YamlMappingNode)node).Children.Keys.Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal) : [];

    private static string StepName(YamlMappingNode step) =>
        (step.Children.TryGetValue("name", out var name) ? name : step.Children.TryGetValue("uses", out var uses) ? uses : step["run"]).ToString();

    [GeneratedRegex(@"\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex StepOutput();

    [GeneratedRegex(@"\bneeds\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex NeedsOutput();

    [GeneratedRegex(@"(?:echo|printf)\s+[""']?([A-Za-z0-9_-]+)=[^\n]*>>\s*""?\$GITHUB_OUTPUT")]
    private static partial Regex WritesOutput();
}
