// Measures, in the browser, the time from an input event to the updated chart in the page, for
// the default example and the large benchmark scenario. Prints the figures for BENCHMARKS.md;
// asserts only that the chart did update, never a time (speed is measured, not asserted).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { useAppServer, openApp, freshContext, seedDraft } from "./support.mjs";

const root = resolve(import.meta.dirname, "../..");
const env = useAppServer({ before, after });

/** Type `values` one by one into the input with id `inputId`; time each from the input event
 *  to the moment the places chart's SVG has been replaced (MutationObserver, before paint). */
async function measure(page, inputId, values, { pause = 30, whileRunning = false } = {}) {
  return page.evaluate(
    async ({ inputId, values, pause, whileRunning }) => {
      const input = document.getElementById(inputId);
      const chart = document.querySelector("#chart-spend .chart__svg");
      const running = () => document.querySelector(".ranges-running") !== null;
      const times = [];
      for (const v of values) {
        await new Promise((ok) => setTimeout(ok, pause));
        const wasRunning = running();
        const done = new Promise((ok) => {
          const obs = new MutationObserver(() => {
            obs.disconnect();
            ok(performance.now());
          });
          obs.observe(chart, { childList: true, subtree: true, characterData: true });
        });
        const start = performance.now();
        input.value = v;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const end = await Promise.race([done, new Promise((ok) => setTimeout(() => ok(null), 2000))]);
        if (end === null) return null;
        // Only edits made while a simulation was under way, when those are what is measured.
        if (!whileRunning || wasRunning) times.push(end - start);
      }
      return times;
    },
    { inputId, values, pause, whileRunning },
  );
}

function summarise(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms over ${times.length} edits`;
}

// Far-apart values, so every edit changes the chart (an edit too small to move a bar by a pixel
// leaves the SVG, and so the page, unchanged).
const values = Array.from({ length: 30 }, (_, n) => String(n % 2 ? 60_000 : 20_000 + 100 * n));

/** Time the edits of `values` into input `inputId` once the chart is drawn, and print them. */
async function report(page, inputId, what) {
  await page.locator("#chart-spend svg").waitFor();
  // The assumptions arrive just after the first chart (a module of their own).
  await page.locator(`[id="${inputId}"]`).waitFor();
  const times = await measure(page, inputId, values);
  assert.ok(times, "the chart updated after every edit");
  console.log(`latency ${what}: ${summarise(times)}`);
}

test("input-to-chart latency, default example", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  await report(await openApp(context, env.server.url), "phases.1.pupils", "default example");
  await context.close();
});

test("input-to-chart latency, large benchmark scenario (15 years, 8 tiers, 4 phases)", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  const large = readFileSync(resolve(root, "docs/examples/large-benchmark.json"), "utf8");
  await seedDraft(context, large);
  const page = await openApp(context, env.server.url);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Large benchmark scenario");
  await report(page, "phases.0.pupils", "large scenario");
  await context.close();
});

test("a 10,000-draw simulation: time to its results; typing while a run is under way", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  const page = await openApp(context, env.server.url);
  await page.getByTestId("chance-overspend").waitFor();
  await page.locator('[id="phases.1.pupils"]').waitFor();
  const runs = await page.evaluate(async () => {
    const results = document.querySelector(".results");
    const running = () => results.querySelector(".ranges-running") !== null;
    const set = (id, v) => {
      const input = document.getElementById(id);
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    const idle = () =>
      new Promise((ok) => {
        const check = () => (running() ? setTimeout(check, 1) : ok(performance.now()));
        check();
      });
    // From the change to the results of a 10,000-draw run (the run starts 150 ms after the
    // last change, so a user typing is never held up; that wait is taken off).
    const runs = [];
    for (const [n, draws] of ["10000", "10,000", "10000.0"].entries()) {
      set("phases.1.pupils", String(55_000 + n * 1_000));
      set("simulation.draws", draws);
      const start = performance.now();
      await new Promise((ok) => setTimeout(ok, 20));
      const end = await idle();
      runs.push(end - start - 150);
    }
    return runs;
  });
  console.log(`simulation 10,000 draws, default example, change to results (less the 150 ms wait): ${runs.map((t) => t.toFixed(0)).join(", ")} ms`);
  // Typing while a run is under way: with 100,000 draws a run takes several slices of the
  // event loop, and each edit lands 200 ms after the one before (the run starts 150 ms after a
  // change), so it meets a run part-way through.
  await page.evaluate(() => {
    const input = document.getElementById("simulation.draws");
    input.value = "100000";
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
  const typing = await measure(page, "phases.1.pupils", values, { pause: 200, whileRunning: true });
  assert.ok(typing, "the chart updated after every edit");
  assert.ok(typing.length > 0, "some edits landed while a run was under way");
  console.log(`latency while a 100,000-draw run is under way: ${summarise(typing)}`);
  await context.close();
});
