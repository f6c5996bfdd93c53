using System.Diagnostics;

namespace DocShelf.Fixtures.Testing;

/// <summary>Waits for a condition the code under test will bring about, throwing with a description if it never does.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<bool> condition, string description, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), description, timeout);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (clock.Elapsed >= limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting until {description}");
            }

            await Task.Delay(100);
        }
    }
}
