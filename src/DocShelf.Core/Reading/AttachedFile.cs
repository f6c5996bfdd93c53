namespace DocShelf.Core.Reading;

/// <summary>
/// A file inside another that is a document of its own: an e-mail's attachment, a message of a mailbox, a message
/// forwarded inside a message. The reader leaves its bytes in the work folder; the pipeline reads it after its parent.
/// </summary>
/// <param name="Path">Where the reader left the bytes, in the parent's work folder.</param>
/// <param name="Name">The name it carries in its parent (an attachment's file name, a message's subject).</param>
public sealed record AttachedFile(string Path, string Name);
