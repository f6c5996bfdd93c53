using System.Text.Json.Serialization;
using DocShelf.Answering.Answers;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Access;

/// <summary>
/// The replies a command reads from the process holding the shelf, described at build time, so that a cold command
/// does not work them out by reflection first (docs/benchmarks.md (t)). Options and converters are
/// <see cref="ServiceShelfAccess.Json"/>'s; other replies are read by reflection.
/// </summary>
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(Answer))]
[JsonSerializable(typeof(List<DocumentSummary>))]
[JsonSerializable(typeof(PageView))]
[JsonSerializable(typeof(StatusView))]
internal sealed partial class ServiceReplies : JsonSerializerContext;
