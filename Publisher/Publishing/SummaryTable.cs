using System.Text;

namespace Comments.Publisher.Publishing;

/// <summary>The short per-resource table the command prints.</summary>
public static class SummaryTable
{
    public static string Format(IReadOnlyList<ResourceSummary> rows)
    {
        string[] headers = ["RESOURCE", "TYPE", "EMITTED", "NOTES"];
        var cells = rows.Select(r => new[] { r.Resource, r.Type, r.Emitted, r.Notes }).ToList();
        var widths = headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();

        var table = new StringBuilder();
        foreach (var row in cells.Prepend(headers))
        {
            table.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        return table.ToString();
    }
}
