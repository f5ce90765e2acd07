// Debian's chromium, headless, through puppeteer-core ($CHROMIUM for another): the browser of
// axe.mjs and walk.mjs. Where it cannot be run, says so and exits 2.
import puppeteer from "puppeteer-core";

export async function chromium(script) {
  try {
    return await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu"],
    });
  } catch (error) {
    console.error(`${script}: cannot run chromium: ${error.message}`);
    process.exit(2);
  }
}
