// A reader's walk through peercomp's pages in Debian's chromium (puppeteer-core), as issue 34
// asks: from the home page to a framework and a category, a search typed in the box, an entry
// among the results, and a link to an aligned entry of the other framework. Each step checks
// where it landed; the first that fails ends the walk with its reason (exit 1; 2 where the
// browser cannot be run). Prints a line per step.
//
//   node tools/browser/walk.mjs BASE_URL [--no-script]
//
// --no-script walks with JavaScript off (serve: every page is made on the server).
import { chromium } from "./chromium.mjs";

const [base, flag] = process.argv.slice(2);
const browser = await chromium("walk.mjs");
const page = await browser.newPage();
await page.setJavaScriptEnabled(flag !== "--no-script");
page.setDefaultTimeout(10000);

async function step(name, expected, act) {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), act()]);
  const url = page.url();
  const heading = await page.$eval("h1", (h) => h.textContent.trim());
  if (!expected.test(url)) throw new Error(`${name}: landed on ${url} ("${heading}")`);
  console.log(`${name}: ${url} "${heading}"`);
  return heading;
}

async function click(selector, text) {
  const links = await page.$$(selector);
  for (const link of links) {
    const said = await link.evaluate((a) => a.textContent);
    if (said.includes(text)) return link.click();
  }
  throw new Error(`no ${selector} saying "${text}" on ${page.url()}`);
}

try {
  await step("home", /\/$/, () => page.goto(base, { waitUntil: "load" }));
  await step("framework", /\/f\/peer-worker\/$/, () => click("main h2 a", "Peer Support Core Competencies"));
  const category = await step("category", /\/f\/peer-worker\/c\/7\/$/, () => click("ol.categories a", "Provides information about skills"));
  if (!category.includes("Provides information about skills")) throw new Error(`category: heading "${category}"`);
  await page.type("#q", "wellness models");
  await step("search", /\/search\/\?q=wellness\+models$/, () => page.click("form.search button"));
  await page.waitForSelector("ol.results li a");
  const marked = await page.$$eval("ol.results mark", (m) => m.map((e) => e.textContent.toLowerCase()));
  if (!marked.includes("wellness")) throw new Error(`search: nothing marked (${marked})`);
  const entry = await step("entry", /\/f\/agency\/e\/policy\.6\/$/, () => click("ol.results a", "agency/policy.6"));
  if (!entry.includes("policy.6")) throw new Error(`entry: heading "${entry}"`);
  const aligned = await step("aligned", /\/f\/peer-worker\/e\/7\.10\.4\/$/, () => click("ul.aligned a", "peer-worker/7.10.4"));
  if (!aligned.includes("7.10.4")) throw new Error(`aligned: heading "${aligned}"`);
  // And back: the aligned entry links to the one it came from.
  await step("back", /\/f\/agency\/e\/policy\.6\/$/, () => click("ul.aligned a", "agency/policy.6"));
} catch (error) {
  console.error(`walk.mjs: ${error.message}`);
  await browser.close();
  process.exit(1);
}
await browser.close();
