using System.Text.Json;
using System.Text.Json.Serialization;
using DocShelf.Answering.Answers;
using DocShelf.Answering.Extractive;
using DocShelf.Search;
using DocShelf.Web.Api;
using DocShelf.Web.Files;
using DocShelf.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace DocShelf.Web;

/// <summary>
/// The web app in two halves, so `docshelf serve` and the tests compose it the same way: the services it needs
/// (beside a <see cref="Shelf"/> and a ServiceBoard registered by the host), and the request pipeline.
/// </summary>
public static class ShelfWeb
{
    /// <summary>Host names a browser uses for this machine; anything else is refused while bound to loopback (DNS rebinding).</summary>
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    public static void AddServices(IServiceCollection services, WebOptions options, bool loopbackOnly)
    {
        services.AddSingleton(options);
        services.AddSingleton<AccessToken>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<FailedAuthentication>();
        services.AddSingleton<OriginalFiles>();
        // The host may have registered the answerer its settings choose; without one, answers need no model.
        services.TryAddSingleton<IAnswerer>(provider =>
        {
            var shelf = provider.GetRequiredService<Shelf>();
            return new ExtractiveAnswerer(shelf.Searcher, shelf.Store);
        });
        services.AddSingleton<PageImages>();
        services.AddHostedService<UploadLeftoversSweep>();
        services.AddRouting();
        services.AddProblemDetails();
        services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        services.Configure<HostFilteringOptions>(hosts => hosts.AllowedHosts = loopbackOnly ? LoopbackHosts : ["*"]);
    }

    public static void Configure(IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHostFiltering();
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<CrossSiteGuard>();
        app.UseMiddleware<AccessGate>();
        app.UseMiddleware<SearchDeadline>();
        var assets = new ManifestEmbeddedFileProvider(typeof(ShelfWeb).Assembly, "wwwroot");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = assets });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = assets });
        app.UseRouting();
        app.UseEndpoints(routes =>
        {
            StatusEndpoints.Map(routes);
            SessionEndpoints.Map(routes);
            SearchEndpoints.Map(routes);
            AskEndpoints.Map(routes);
            DocumentEndpoints.Map(routes);
            UploadEndpoints.Map(routes);
            RetryEndpoints.Map(routes);
        });
    }
}
