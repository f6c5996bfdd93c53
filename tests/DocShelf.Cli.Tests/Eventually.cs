using System.Diagnostics;

namespace DocShelf.Cli.Tests;

/// <summary>Waits for a condition the code under test will bring about, failing with a description if it never does.</summary>
public static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string description, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, $"Timed out after {limit.TotalSeconds:0} s waiting until {description}");
            await Task.Delay(100);
        }
    }
}
