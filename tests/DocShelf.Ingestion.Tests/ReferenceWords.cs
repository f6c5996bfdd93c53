using System.Globalization;
using DocShelf.Core.Documents;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Ingestion.Tests;

/// <summary>
/// Where the tesseract command sees each word on an image: an independent check that boxes DocShelf stores land on
/// the words of the image it shows.
/// </summary>
public static class ReferenceWords
{
    /// <summary>Words the command reads on <paramref name="image"/>, boxes scaled by <paramref name="scale"/> (image pixels to page units).</summary>
    public static async Task<IReadOnlyList<(string Text, Box Box)>> ReadAsync(string image, double scale)
    {
        var tsv = await Tool.RunAsync("tesseract", image, "-", "tsv");
        return tsv.Split('\n')
            .Select(row => row.Split('\t'))
            .Where(cells => cells.Length == 12 && cells[0] == "5" && cells[11].Trim().Length > 0)
            .Select(cells => (cells[11].Trim(), new Box(Number(cells[6]) * scale, Number(cells[7]) * scale, Number(cells[8]) * scale, Number(cells[9]) * scale)))
            .ToList();
    }

    /// <summary>
    /// Long words that occur once on both lists, paired up, so each pair is the same word on the page; the distance
    /// between their centres says whether the stored box is where the word is.
    /// </summary>
    public static IReadOnlyList<(string Text, double Distance)> Compare(IReadOnlyList<Word> stored, IReadOnlyList<(string Text, Box Box)> reference)
    {
        var once = reference.Where(r => r.Text.Length >= 7).GroupBy(r => r.Text).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().Box);
        return stored.Where(w => once.ContainsKey(w.Text)).GroupBy(w => w.Text).Where(g => g.Count() == 1)
            .Select(g => (g.Key, Distance(g.Single().Box, once[g.Key])))
            .ToList();
    }

    private static double Distance(Box a, Box b) =>
        Math.Sqrt(Math.Pow(a.X + (a.Width / 2) - b.X - (b.Width / 2), 2) + Math.Pow(a.Y + (a.Height / 2) - b.Y - (b.Height / 2), 2));

    private static double Number(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);
}
