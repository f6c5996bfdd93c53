using DocShelf.Answering.Answers;
using DocShelf.Cli.Access;
using DocShelf.Ingestion.Watching;
using DocShelf.Search;
using DocShelf.Web;
using DocShelf.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DocShelf.Cli.Hosting;

/// <summary>
/// The web app over a shelf this process holds. It always answers on the shelf's socket, which is how the other
/// DocShelf commands read a shelf while it is held; `serve` also listens on its TCP address for the page.
/// </summary>
public static class ShelfHost
{
    /// <param name="tcp">Where the page is served; null to answer on the socket only (`ingest`).</param>
    public static WebApplicationBuilder CreateBuilder(Shelf shelf, IAnswerer answerer, WebOptions web, ListenAddress? tcp)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            if (tcp is not null)
            {
                kestrel.Listen(tcp.Address, tcp.Port);
            }

            ShelfSocket.Listen(kestrel, shelf.DataDirectory);
            kestrel.Limits.MaxRequestBodySize = web.MaxUploadBytes;
        });
        builder.Services.AddSingleton(shelf);
        builder.Services.AddSingleton(answerer);
        builder.Services.TryAddSingleton<ServiceBoard>();
        ShelfWeb.AddServices(builder.Services, web, loopbackOnly: tcp?.IsLoopback ?? true);
        return builder;
    }

    /// <summary>The finished app: its request pipeline, and the socket made owner-only once listening and removed at the end.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        ShelfWeb.Configure(app);
        SnapshotEndpoint.Map(app);
        IngestEndpoint.Map(app);
        var data = app.Services.GetRequiredService<Shelf>().DataDirectory;
        app.Lifetime.ApplicationStarted.Register(() => ShelfSocket.Restrict(data));
        app.Lifetime.ApplicationStopped.Register(() => ShelfSocket.Remove(data));
        return app;
    }
}
