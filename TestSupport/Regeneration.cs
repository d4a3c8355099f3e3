namespace Comments.TestSupport;

/// <summary>
/// Tests that compare output with a committed generated file rewrite that file when asked (<c>VARIABLE=1</c>), for a
/// developer to review and commit. Never under CI: there the comparison is the point.
/// </summary>
public static class Regeneration
{
    public static bool Requested(string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) != "1")
        {
            return false;
        }

        if (ExternalTool.IsCi)
        {
            throw new InvalidOperationException(
                $"{variable}=1 rewrites committed files and is refused under CI=true: run it on your machine, review the diff and commit it.");
        }

        return true;
    }
}
