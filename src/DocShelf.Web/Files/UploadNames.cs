namespace DocShelf.Web.Files;

/// <summary>Turns the name a browser sent into a safe file name inside the inbox: no folders, no hidden files, no clashes.</summary>
public static class UploadNames
{
    private const int MaxLength = 180;

    /// <summary>The last path segment with control characters removed; "upload" when nothing usable is left.</summary>
    public static string Clean(string? sent)
    {
        var name = (sent ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim().TrimStart('.', '-', ' ');
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(MaxLength - extension.Length)] + extension;
        }

        return name.Length == 0 ? "upload" : name;
    }

    /// <summary>A path for <paramref name="name"/> in <paramref name="folder"/> that no file holds yet: "report (2).pdf" after "report.pdf".</summary>
    public static string Unused(string folder, string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        var path = Path.Combine(folder, name);
        for (var copy = 2; File.Exists(path); copy++)
        {
            path = Path.Combine(folder, $"{stem} ({copy}){extension}");
        }

        return path;
    }
}
