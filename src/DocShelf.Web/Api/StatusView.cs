using DocShelf.Core.Search;
using DocShelf.Ingestion.Watching;
using DocShelf.Search.Footprint;
using DocShelf.Search.Store;

namespace DocShelf.Web.Api;

/// <summary>
/// The reply of /api/status and each event of /api/events: the worker's progress, the shelf at a glance, and how far
/// the embedding model's vectors have caught up (<paramref name="VectorsToMake"/> is null without a model).
/// <paramref name="Footprint"/>, what the data folder's bytes go to, is measured only when asked for (?footprint=true).
/// </summary>
public sealed record StatusView(
    ServiceStatus? Service,
    ShelfOverview Shelf,
    IReadOnlyList<SearchMode> SearchModes,
    string? EmbeddingModel,
    long Vectors,
    int? VectorsToMake,
    string? UploadInbox,
    ShelfFootprint? Footprint = null);
