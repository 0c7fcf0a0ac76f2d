// The first screen, driven as a person would: find the input by its label, change it, see the
// figure and the chart change, reload and see the value kept.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useAppServer, openApp, screenshot } from "./support.mjs";

const env = useAppServer({ before, after });

test("the app opens on the example, reacts to pupils on roll, and keeps it over a reload", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openApp(context, env.server.url);

  await assert.doesNotReject(page.getByText("AP Planner", { exact: true }).waitFor());
  const secondary = () => page.getByRole("group", { name: "Secondary", exact: true });
  const input = secondary().getByLabel("Pupils on roll");
  assert.equal(await input.inputValue(), "55,000");

  const peak = page.getByTestId("peak-places");
  const chart = page.locator("#chart-spend .chart__svg svg");
  await chart.waitFor();
  const peakBefore = await peak.textContent();
  const chartBefore = await chart.innerHTML();
  assert.match(peakBefore, /^\d[\d,]*$/);
  assert.ok(chartBefore.includes("2026/27"), "chart has academic-year labels");
  await screenshot(page, "foundation-first-screen");

  await input.fill("80,000");
  await page.waitForFunction(
    (before) => document.querySelector("[data-testid=peak-places]")?.textContent !== before,
    peakBefore,
  );
  const peakAfter = await peak.textContent();
  assert.ok(
    Number(peakAfter.replaceAll(",", "")) > Number(peakBefore.replaceAll(",", "")),
    `more pupils need more places: ${peakBefore} -> ${peakAfter}`,
  );
  assert.notEqual(await chart.innerHTML(), chartBefore, "the chart was redrawn");

  await page.reload();
  await page.getByRole("heading", { level: 1 }).waitFor();
  assert.equal(await secondary().getByLabel("Pupils on roll").inputValue(), "80,000");
  assert.equal(await page.getByTestId("peak-places").textContent(), peakAfter);

  await input.fill("lots");
  await assert.doesNotReject(page.getByText("Pupils on roll: enter a number").first().waitFor());
  assert.equal(await page.getByTestId("peak-places").textContent(), peakAfter, "last good figures stay");

  assert.deepEqual(page.appErrors, []);
  await context.close();
});
