using System.Globalization;
using System.Text;

namespace DocShelf.Ingestion.Readers.Tables;

/// <summary>
/// Rows of a table as pages of text: a line a row, cells apart by tabs, empty rows and trailing empty cells left out,
/// and a long table cut every <see cref="RowsPerPage"/> rows so a hit cites the rows it is in.
/// </summary>
public static class TablePages
{
    public const int RowsPerPage = 200;

    /// <param name="table">The sheet's name, when the file has several; null for a file of one table.</param>
    public static IEnumerable<(string? Label, string Text)> Of(string? table, IEnumerable<IReadOnlyList<string>> rows)
    {
        var page = new StringBuilder();
        var (first, number) = (1, 0);
        var pages = new List<(int First, int Last, string Text)>();
        foreach (var row in rows)
        {
            number++;
            var cells = row.Select(cell => cell.ReplaceLineEndings(" ").Trim()).ToList();
            while (cells.Count > 0 && cells[^1].Length == 0)
            {
                cells.RemoveAt(cells.Count - 1);
            }

            if (cells.Count > 0)
            {
                page.Append(string.Join('\t', cells)).Append('\n');
            }

            if (number - first + 1 == RowsPerPage)
            {
                Flush();
            }
        }

        Flush();
        return pages.Select(p => (Label(table, p.First, p.Last, pages.Count > 1), p.Text));

        void Flush()
        {
            if (page.Length > 0)
            {
                pages.Add((first, number, page.ToString()));
            }

            page.Clear();
            first = number + 1;
        }
    }

    private static string? Label(string? table, int first, int last, bool several)
    {
        var rows = several ? string.Create(CultureInfo.InvariantCulture, $"rows {first}–{last}") : null;
        return (table, rows) switch
        {
            (null, null) => null,
            (null, _) => rows,
            (_, null) => table,
            _ => $"{table}, {rows}",
        };
    }
}
