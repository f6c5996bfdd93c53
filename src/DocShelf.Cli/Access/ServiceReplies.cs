using System.Text.Json.Serialization;
using DocShelf.Answering.Answers;
using DocShelf.Web.Api;

namespace DocShelf.Cli.Access;

/// <summary>
/// The replies a command reads from the process holding the shelf, described at build time: working them out by
/// reflection took a cold `docshelf search` about 50 ms, a quarter of its time through the socket. Options and
/// converters are <see cref="ServiceShelfAccess.Json"/>'s; other replies are read by reflection as before.
/// </summary>
[JsonSerializable(typeof(SearchResult))]
[JsonSerializable(typeof(Answer))]
[JsonSerializable(typeof(List<DocumentSummary>))]
[JsonSerializable(typeof(PageView))]
[JsonSerializable(typeof(StatusView))]
internal sealed partial class ServiceReplies : JsonSerializerContext;
