namespace DocShelf.Cli.Output;

public sealed record OcrReport(string Engine, string Version, IReadOnlyList<string> InstalledLanguages);
