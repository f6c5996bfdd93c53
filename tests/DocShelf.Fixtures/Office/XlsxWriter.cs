using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DocShelf.Fixtures.Office;

/// <summary>Writes an Excel workbook with the Open XML SDK: one worksheet per sheet, numbers as numbers and the rest as inline strings.</summary>
public static class XlsxWriter
{
    public static void Write(string path, IReadOnlyList<SheetText> sheets)
    {
        using var document = SpreadsheetDocument.Create(path, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetList = new Sheets();
        for (var i = 0; i < sheets.Count; i++)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            worksheetPart.Worksheet = new Worksheet(new SheetData(sheets[i].Rows.Select(Row)));
            sheetList.Append(new Sheet { Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = workbookPart.GetIdOfPart(worksheetPart) });
        }

        workbookPart.Workbook = new Workbook(sheetList);
    }

    private static Row Row(IReadOnlyList<string> cells) =>
        new(cells.Select(value => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(value) }
            : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) }));
}
