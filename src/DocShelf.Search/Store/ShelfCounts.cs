namespace DocShelf.Search.Store;

public sealed record ShelfCounts(int IndexedDocuments, int QuarantinedDocuments, int Pages, int OcrPages, int Chunks);
