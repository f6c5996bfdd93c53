using DocShelf.Core.Pipeline;
using DocShelf.Ingestion.Tools;

namespace DocShelf.Ingestion.Pdf;

/// <summary>
/// Says in plain words why poppler could not open a PDF, from what it wrote ("Syntax Error: Couldn't read xref
/// table" means the file is cut short or damaged), and keeps its own words as the detail.
/// </summary>
public static class PdfProblem
{
    public static UnreadableFileException From(ToolResult result, string? action = null)
    {
        var said = result.StandardError;
        var reason = said switch
        {
            _ when said.Contains("Incorrect password", StringComparison.Ordinal) =>
                "the PDF is locked with a password, and none of the passwords in the settings opens it",
            _ when said.Contains("May not be a PDF file", StringComparison.Ordinal) =>
                "the file is named or marked as a PDF but does not hold one",
            _ when said.Contains("xref", StringComparison.OrdinalIgnoreCase) || said.Contains("trailer", StringComparison.OrdinalIgnoreCase) =>
                "the PDF is damaged or incomplete: the index of its contents is missing or broken, as when a copy or " +
                "download is cut short; copy it again, or save it again from the program that made it",
            _ when said.Contains("Couldn't open file", StringComparison.Ordinal) =>
                "the PDF could not be opened: it was moved or its permissions changed while it was being read",
            _ => action is null ? "the PDF is damaged and could not be opened" : $"the PDF is damaged: {action} failed",
        };
        return new UnreadableFileException(reason, result.ErrorDetail);
    }
}
