using DocShelf.Core.Documents;

namespace DocShelf.Cli.Output;

public sealed record PageTextReport(int Number, PageSource Source, string Text);
