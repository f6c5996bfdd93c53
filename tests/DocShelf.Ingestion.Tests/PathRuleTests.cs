using DocShelf.Core.Pipeline;
using DocShelf.Fixtures;
using DocShelf.Fixtures.Testing;
using DocShelf.Ingestion.Intake;

namespace DocShelf.Ingestion.Tests;

/// <summary>The path rule on its own: links are never followed under a root, and a file is read through one opening.</summary>
public sealed class PathRuleTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public async Task An_opened_file_is_read_through_its_opening_even_after_the_path_is_swapped()
    {
        var path = Path.Combine(folder.Folder("inbox"), "minutes.txt");
        await File.WriteAllTextAsync(path, "Minutes of the harbour board.");
        using var opened = OpenedFile.Open(path);

        File.Move(path, folder.File("moved.txt"));
        await File.WriteAllTextAsync(path, "Someone else's file.");

        Assert.Equal("Minutes of the harbour board.", await File.ReadAllTextAsync(opened.ReadPath));
        Assert.Equal("Minutes of the harbour board.", (await Tool.RunAsync("cat", opened.ReadPath)).TrimEnd()); // and so do the tools
    }

    [Fact]
    public void A_link_is_refused_without_naming_where_it_points()
    {
        var secret = Path.Combine(folder.Folder("outside"), "secret.txt");
        File.WriteAllText(secret, "private");
        var link = Path.Combine(folder.Folder("inbox"), "h.txt");
        File.CreateSymbolicLink(link, secret);

        var refusal = Assert.Throws<UnreadableFileException>(() => OpenedFile.Open(link));

        Assert.StartsWith("it is a symbolic link;", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_reached_through_a_linked_folder_is_refused_naming_the_link_not_where_it_leads()
    {
        var outside = folder.Folder("outside");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "private");
        var inbox = folder.Folder("inbox");
        Directory.CreateSymbolicLink(Path.Combine(inbox, "letters"), outside);

        var refusal = Assert.Throws<UnreadableFileException>(() => OpenedFile.Open(Path.Combine(inbox, "letters", "secret.txt")));

        Assert.Contains("reached through a symbolic link, " + Path.Combine(inbox, "letters") + ";", refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(outside, refusal.Message, StringComparison.Ordinal);
        Assert.False(LinkFreePath.Holds(Path.Combine(inbox, "letters", "secret.txt")));
        Assert.True(LinkFreePath.Holds(Path.Combine(outside, "secret.txt")));
    }

    [Fact]
    public async Task A_fifo_swapped_in_after_the_check_cannot_block_the_open()
    {
        var pipe = Path.Combine(folder.Folder("inbox"), "pipe.pdf");
        await Tool.RunAsync("mkfifo", pipe);

        var opening = Task.Run(() => OpenedFile.Open(pipe));
        var finished = await Task.WhenAny(opening, Task.Delay(TimeSpan.FromSeconds(20))) == opening;

        Assert.True(finished, "opening a FIFO should not wait for a writer");
        var refusal = await Assert.ThrowsAsync<UnreadableFileException>(() => opening);
        Assert.Contains("a FIFO", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_walk_lists_a_linked_file_to_be_refused_and_never_enters_a_linked_folder()
    {
        var outside = folder.Folder("outside");
        File.WriteAllText(Path.Combine(outside, "secret.txt"), "private");
        var inbox = folder.Folder("inbox");
        File.WriteAllText(Path.Combine(inbox, "notes.txt"), "notes");
        File.CreateSymbolicLink(Path.Combine(inbox, "h.txt"), Path.Combine(outside, "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(inbox, "letters"), outside);

        var names = FolderWalk.Files(inbox).Select(f => Path.GetRelativePath(inbox, f.FullName)).Order(StringComparer.Ordinal);

        Assert.Equal(["h.txt", "notes.txt"], names);
    }

    [Fact]
    public void A_root_behind_a_link_is_kept_as_the_folder_it_names()
    {
        var disk = folder.Folder("disk");
        var root = folder.File("inbox");
        Directory.CreateSymbolicLink(root, disk);
        File.WriteAllText(Path.Combine(disk, "notes.txt"), "notes");

        Assert.Equal(disk, LinkFreePath.Root(root));
        using var opened = OpenedFile.Open(Path.Combine(LinkFreePath.Root(root), "notes.txt"));
        Assert.Equal(folder.File("not-made-yet"), LinkFreePath.Root(folder.File("not-made-yet")));
    }

    public void Dispose() => folder.Dispose();
}
