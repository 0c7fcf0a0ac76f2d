// First load, measured in the browser against the release build: what the page fetches before
// the first chart (and that the export worker is not among it), and the time from navigation
// start to the first chart's SVG in the page. Records figures for BENCHMARKS.md; asserts only
// what the page fetches, never a time.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { useAppServer, openApp, freshContext } from "./support.mjs";

const root = resolve(import.meta.dirname, "../..");
const env = useAppServer({ before, after });
const LOADS = 7;

/** Milliseconds since navigation start at which the places chart's SVG entered the page. */
function watchFirstChart() {
  new MutationObserver((_, observer) => {
    if (document.querySelector("#chart-places svg")) {
      window.firstChartAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
}

test("first load: the export worker is not fetched; time to first chart (recorded)", async () => {
  const times = [];
  let fetched = [];
  for (let i = 0; i < LOADS; i++) {
    // A fresh context each time: nothing cached, nothing stored (the built-in example opens).
    const context = await freshContext(env.browser);
    await context.addInitScript(watchFirstChart);
    const files = [];
    context.on("request", (r) => files.push(new URL(r.url()).pathname));
    const page = await openApp(context, env.server.url);
    await page.locator("#chart-places svg").waitFor();
    times.push(await page.evaluate(() => window.firstChartAt));
    fetched = files;
    assert.deepEqual(page.appErrors, []);
    await context.close();
  }
  const code = fetched.filter((f) => /\.(wasm|js)$/.test(f));
  assert.ok(code.includes("/ap-planner_bg.wasm"), `the app's module is loaded (${code})`);
  assert.ok(!code.some((f) => f.includes("export-worker")), `the export worker waits for its first use (${code})`);
  const gz = code.map((f) => gzipSync(readFileSync(join(root, "dist", basename(f))), { level: 9 }).length);
  const total = gz.reduce((a, b) => a + b, 0);
  console.log(`first load (wasm + JS fetched before the first chart, gzip -9): ${total.toLocaleString("en-GB")} bytes: ${code.map((f, i) => `${basename(f)} ${gz[i].toLocaleString("en-GB")}`).join(", ")}`);
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`time to first chart (navigation start to #chart-places svg, ${LOADS} cold loads): median ${median.toFixed(0)} ms; all: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
});
