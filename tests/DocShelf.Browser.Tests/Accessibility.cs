using System.Text.Json;
using DocShelf.Fixtures;
using Microsoft.Playwright;

namespace DocShelf.Browser.Tests;

/// <summary>
/// Runs axe-core, the accessibility rules engine, in the page: its default rules (WCAG A and AA, best practice) and
/// then its enhanced (AAA) rules, such as 7:1 text contrast. build.sh fetches the pinned axe-core into .cache/.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Script = new(() =>
    {
        var folder = Directory.GetDirectories(Path.Combine(RepositoryPaths.Root, ".cache"), "axe-core-*").SingleOrDefault()
            ?? throw new InvalidOperationException("axe-core is not in .cache/; ./build.sh test fetches it");
        return File.ReadAllText(Path.Combine(folder, "axe.min.js"));
    });

    /// <summary>Every rule the page breaks in its present state, under the default and then the AAA rules, one line each.</summary>
    public static async Task<List<string>> ViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Script.Value });
        }

        var found = new List<string>();
        foreach (var options in new[] { "{}", "{ runOnly: { type: 'tag', values: ['wcag2aaa'] } }" })
        {
            var json = await page.EvaluateAsync<string>(
                $$"""
                async () => JSON.stringify((await axe.run(document, {{options}})).violations
                  .map(v => `${v.id} (${v.impact}): ${v.help}; at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`))
                """);
            found.AddRange(JsonSerializer.Deserialize<string[]>(json) ?? []);
        }

        return found;
    }
}
