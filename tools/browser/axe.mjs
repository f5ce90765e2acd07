// axe-core in headless chromium (Debian's, through puppeteer-core): the WCAG 2.1 A and AA rules on
// each HTML file, at a desktop width and at a phone's; a contrast axe measured but left to review
// counts where it is below WCAG's ratio. Prints a line per violation and node:
// "FILE<TAB>RULE<TAB>IMPACT<TAB>TARGET<TAB>SUMMARY", nothing where there are none; exits 1 where
// there are any, 2 where the browser cannot be run.
//
//   npm ci --prefix tools/browser          (once; .ci/run does it)
//   node tools/browser/axe.mjs PAGE.html [PAGE.html ...]   (a page is a file or an http URL)
// With AXE_WIDTHS=1280, at that width alone; with AXE_TABS=N, N pages at once (many pages of a site).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const files = process.argv.slice(2);
const browser = await chromium("axe.mjs");
let found = 0;
const widths = (process.env.AXE_WIDTHS ?? "1280,390").split(",").map(Number);
// Each page checked in a tab of its own; AXE_TABS at a time (a site's hundreds of pages).
async function check(file) {
    for (const viewport of widths.map((width) => ({ width, height: width > 800 ? 900 : 844 }))) {
      const page = await browser.newPage();
      // A server's Content-Security-Policy would refuse axe's script, which the page never had.
      await page.setBypassCSP(true);
      await page.setViewport(viewport);
      const url = /^https?:/.test(file) ? file : pathToFileURL(file).href;
      await page.goto(url, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const results = await page.evaluate(() =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        }),
      );
      // axe leaves the contrast of short texts (a cell's number) "to review", with the ratio it
      // measured: below what WCAG asks, that is a violation too.
      const measured = results.incomplete
        .filter((r) => r.id === "color-contrast")
        .map((r) => ({
          ...r,
          nodes: r.nodes.filter((n) => {
            const data = n.any[0]?.data ?? {};
            const expected = parseFloat(data.expectedContrastRatio);
            // A ratio is 1 or more; axe gives 0 where it measured nothing (a cell scrolled out of
            // a narrow screen's view, under another element).
            return data.contrastRatio >= 1 && data.contrastRatio < expected;
          }),
        }));
      for (const v of [...results.violations, ...measured]) {
        for (const node of v.nodes) {
          found++;
          const summary = (node.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 300);
          console.log([file, v.id, v.impact, node.target.join(" "), `${viewport.width}px: ${summary}`].join("\t"));
        }
      }
      await page.close();
    }
}
try {
  const queue = [...files];
  const tabs = Math.max(1, Number(process.env.AXE_TABS ?? 1));
  await Promise.all(Array.from({ length: tabs }, async () => {
    while (queue.length) await check(queue.shift());
  }));
} finally {
  await browser.close();
}
process.exit(found ? 1 : 0);
