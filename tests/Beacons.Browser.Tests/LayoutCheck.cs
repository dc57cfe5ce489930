using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Beacons.Browser.Tests;

/// <summary>
/// What a page looks like at a screen size, measured in its DOM: nothing wider than the screen, every key element
/// shown whole (on screen, or inside a scrolling box that can show it whole) with its text not cut, and the
/// elements that share a row not drawn over one another. Also keeps a screenshot in the test output.
/// </summary>
public static class LayoutCheck
{
    // Each key element's box is followed up through every ancestor that clips: one that hides overflow must hold
    // it whole; one that scrolls must be able to show it whole (big enough), and must then itself be reachable.
    // The document scrolls only up and down, and only when html and body let it.
    private const string Script =
        """
        ({ keys, apart }) => {
          const problems = [];
          const vw = document.documentElement.clientWidth;
          const vh = document.documentElement.clientHeight;
          const at = (r) => `(${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)})`;
          const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
          if (document.documentElement.scrollWidth > window.innerWidth) {
            problems.push(`the page is ${document.documentElement.scrollWidth} px wide, wider than the ${window.innerWidth} px screen`);
          }
          const pageScrolls = ![document.documentElement, document.body].some((e) => ['hidden', 'clip'].includes(getComputedStyle(e).overflowY));
          const axes = [['overflowX', 'left', 'right', 'width', 'clientWidth'], ['overflowY', 'top', 'bottom', 'height', 'clientHeight']];

          function cut(e) {
            let r = e.getBoundingClientRect();
            if (r.width < 1 || r.height < 1 || getComputedStyle(e).visibility !== 'visible') return 'is not shown';
            const own = getComputedStyle(e);
            if (['hidden', 'clip'].includes(own.overflowX) && e.scrollWidth > e.clientWidth + 1) return `has its text cut (${e.scrollWidth} px in ${e.clientWidth})`;
            if (['hidden', 'clip'].includes(own.overflowY) && e.scrollHeight > e.clientHeight + 1) return `has its text cut (${e.scrollHeight} px high in ${e.clientHeight})`;
            for (let a = e.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
              const s = getComputedStyle(a);
              if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
              const b = a.getBoundingClientRect();
              const inner = { left: b.left + a.clientLeft, top: b.top + a.clientTop };
              inner.right = inner.left + a.clientWidth;
              inner.bottom = inner.top + a.clientHeight;
              inner.width = a.clientWidth;
              inner.height = a.clientHeight;
              let scrolled = false;
              for (const [overflow, lo, hi, size, client] of axes) {
                if (s[overflow] === 'visible' || (r[lo] >= inner[lo] - 0.5 && r[hi] <= inner[hi] + 0.5)) continue;
                if (!['auto', 'scroll'].includes(s[overflow])) return `${at(r)} is cut by ${name(a)} ${at(inner)}`;
                if (r[size] > a[client] + 0.5) return `${at(r)} is bigger than ${name(a)}, which scrolls but shows only ${a[client]} px`;
                scrolled = true;
              }
              if (scrolled) r = b; // it can be scrolled into view: now its scrolling box must be reachable
            }
            if (r.left < -0.5 || r.right > vw + 0.5) return `${at(r)} is off the ${vw} px wide screen`;
            if (!pageScrolls && (r.top < -0.5 || r.bottom > vh + 0.5)) return `${at(r)} is off the ${vh} px high screen, which does not scroll`;
            return '';
          }

          for (const [label, selector] of keys) {
            const found = [...document.querySelectorAll(selector)];
            if (found.length === 0) problems.push(`${label} (${selector}): not on the page`);
            found.forEach((e, i) => {
              const problem = cut(e);
              if (problem) problems.push(`${label}${found.length > 1 ? ` ${i + 1}` : ''} (${selector}) ${problem}`);
            });
          }

          const boxes = apart.map((selector) => [selector, [...document.querySelectorAll(selector)].map((e) => e.getBoundingClientRect()).filter((r) => r.width > 0)]);
          for (const [selector, found] of boxes) if (found.length === 0) problems.push(`${selector}: not shown, so not checked for overlaps`);
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              for (const p of boxes[i][1]) {
                for (const q of boxes[j][1]) {
                  const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                  const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                  if (w > 0.5 && h > 0.5) problems.push(`${boxes[i][0]} ${at(p)} overlaps ${boxes[j][0]} ${at(q)}`);
                }
              }
            }
          }
          return problems;
        }
        """;

    /// <summary>
    /// What is wrong with the page's layout: <paramref name="keys"/> (label, selector: every match must be shown
    /// whole), and <paramref name="apart"/> (selectors whose matches must not overlap those of the others).
    /// </summary>
    public static Task<string[]> ProblemsAsync(IPage page, (string Label, string Selector)[] keys, params string[] apart) =>
        page.EvaluateAsync<string[]>(Script, new { keys = keys.Select(k => new[] { k.Label, k.Selector }).ToArray(), apart });

    public static async Task AssertLaidOutAsync(IPage page, (string Label, string Selector)[] keys, params string[] apart)
    {
        string[] problems = await ProblemsAsync(page, keys, apart);
        Assert.True(problems.Length == 0, $"at {page.ViewportSize?.Width}x{page.ViewportSize?.Height}:\n" + string.Join("\n", problems));
    }

    /// <summary>Saves the whole page (scrolled parts too) as TestResults/<paramref name="name"/>.png beside the tests.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
        return path;
    }
}
