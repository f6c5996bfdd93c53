using DocShelf.Answering.Answers;
using DocShelf.Cli.Settings;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DocShelf.Web.Tests;

/// <summary>
/// The web app on an in-memory test server, composed exactly as `docshelf serve` composes it (ShelfWeb's services and
/// pipeline) over a real shelf. Built from a host builder of its own, since the app lives in a library; the type
/// argument only names the `docshelf` executable's assembly, which the factory requires.
/// </summary>
/// <param name="answerer">The answerer to serve, as `serve` registers the one its settings choose; null for the default.</param>
public sealed class ShelfApiFactory(Shelf shelf, ServiceBoard board, WebOptions options, IAnswerer? answerer = null) : WebApplicationFactory<ShelfSettings>
{
    protected override IHostBuilder CreateHostBuilder() =>
        new HostBuilder().ConfigureWebHost(web => web
            .ConfigureServices(services =>
            {
                services.AddSingleton(shelf);
                services.AddSingleton(board);
                if (answerer is not null)
                {
                    services.AddSingleton(answerer);
                }

                ShelfWeb.AddServices(services, options, loopbackOnly: true);
            })
            .Configure(ShelfWeb.Configure));
}
