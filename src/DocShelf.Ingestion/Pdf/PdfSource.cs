namespace DocShelf.Ingestion.Pdf;

/// <summary>A PDF to read, with the password that opens it when it is encrypted.</summary>
public sealed record PdfSource(string Path, string? Password = null)
{
    /// <summary>The poppler arguments that pass the password (the same flag for every tool), before the file name.</summary>
    public IEnumerable<string> PasswordArguments => Password is null ? [] : ["-upw", Password];
}
