namespace DocShelf.Models.Library;

/// <summary>A model could not be imported or used; the message says why in one sentence.</summary>
public sealed class ModelImportException(string message, Exception? inner = null) : Exception(message, inner);
