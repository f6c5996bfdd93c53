namespace DocShelf.Ingestion.Watching;

/// <summary>A file as the watcher found it on disk: which version it is, and whether its name is a symbolic link.</summary>
public readonly record struct FileSighting(string Path, long Bytes, DateTime ModifiedUtc, bool IsLink)
{
    public static FileSighting Of(FileInfo file) => new(file.FullName, file.Length, file.LastWriteTimeUtc, file.LinkTarget is not null);
}
