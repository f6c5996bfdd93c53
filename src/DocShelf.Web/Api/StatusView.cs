using DocShelf.Core.Search;
using DocShelf.Ingestion.Watching;
using DocShelf.Search.Store;

namespace DocShelf.Web.Api;

/// <summary>The reply of /api/status and each event of /api/events: the worker's progress and the shelf at a glance.</summary>
public sealed record StatusView(ServiceStatus? Service, ShelfOverview Shelf, IReadOnlyList<SearchMode> SearchModes, string? EmbeddingModel, string? UploadInbox);
