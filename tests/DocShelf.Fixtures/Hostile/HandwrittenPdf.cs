using System.Globalization;
using System.Text;

namespace DocShelf.Fixtures.Hostile;

/// <summary>Writes a PDF from raw object bodies with a correct cross-reference table, for inputs no PDF library would make.</summary>
public static class HandwrittenPdf
{
    /// <param name="objects">Object bodies; object 1 must be the catalog.</param>
    public static void Write(string path, IReadOnlyList<string> objects)
    {
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(body.ToString()));
            body.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(body.ToString());
        body.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            body.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        body.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        File.WriteAllText(path, body.ToString(), Encoding.ASCII);
    }
}
