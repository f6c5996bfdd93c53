using Microsoft.Extensions.Hosting;

namespace DocShelf.Web.Files;

/// <summary>At start, removes from the upload inbox the hidden files of uploads that a kill cut short.</summary>
public sealed class UploadLeftoversSweep(WebOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Inboxes.Count > 0)
        {
            UploadStaging.SweepLeftovers(options.Inboxes[0]);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
