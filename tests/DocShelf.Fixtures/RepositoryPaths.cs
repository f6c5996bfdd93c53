namespace DocShelf.Fixtures;

/// <summary>Finds the repository from a test or benchmark assembly built inside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The demo documents committed in sample-docs/.</summary>
    public static string SampleDocs => Path.Combine(Root, "sample-docs");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DocShelf.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("DocShelf.sln not found above the running assembly.");
    }
}
