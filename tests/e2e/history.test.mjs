// Calibrate from history: download the example history, import it, see actual against fitted and
// the backtest, apply the fit as one edit (a headline figure changes) and undo it (it comes back);
// a file with bad rows lists them with their line numbers.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { useAppServer, openApp, screenshot, freshContext, changedText } from "./support.mjs";

const env = useAppServer({ before, after });
const examples = resolve(import.meta.dirname, "../../docs/examples");

async function openCalibrate(page) {
  const section = page.locator("#section-calibrate");
  await section.getByText("Calibrate from history…").click();
  return section;
}

test("import the example history, see actual against fitted, apply the fit and undo it", async () => {
  const context = await freshContext(env.browser, 1280, 900);
  const page = await openApp(context, env.server.url);
  const section = await openCalibrate(page);

  // The example file is served beside the app and downloads as it is in docs/examples.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("link", { name: "DfE three tiers, current trends (CSV)" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "dfe-three-tier-history.csv");
  const path = join(examples, "dfe-three-tier-history.csv");
  assert.equal(await readFile(await download.path(), "utf8"), await readFile(path, "utf8"));

  const total = page.getByTestId("total-spend");
  const before = await total.textContent();
  const trendBefore = await page.getByRole("group", { name: "Tier 3: transitional placements", exact: true }).getByLabel("Demand trend").inputValue();

  await section.getByLabel("History file (CSV)").setInputFiles(path);
  await section.getByText("“dfe-three-tier-history.csv”: 40 rows read.").waitFor();
  // Actual against fitted: a chart and a table per series, with its MAPE.
  const census = section.locator("figure", { hasText: "Tier 3: transitional placements · Pupils at the census (MAPE" });
  await census.locator("svg").waitFor();
  assert.match(await census.locator(".chart__svg").textContent(), /Actual[\s\S]*Fitted/);
  assert.equal(await census.locator("tbody tr").count(), 5);
  assert.match(await census.locator("tbody tr").first().textContent(), /^2021\/22/);
  // The backtest on the last year.
  assert.match(await section.getByTestId("backtest-summary").textContent(),
    /^Backtest: fitted on 2021\/22 to 2024\/25 and projected 2025\/26: mean absolute error [\d.]+%\.$/);
  assert.ok(await section.getByTestId("backtest").locator("tbody tr").count() >= 9);
  await screenshot(page, "calibrate-fit");

  // Choose all but one value; apply them with their intervals as ranges.
  const trend = section.getByRole("checkbox", { name: "Apply Tier 1: targeted support · demand trend" });
  await trend.uncheck();
  await section.getByLabel("Also set each fitted value's 80% interval as the input's range of uncertainty").check();
  const apply = section.getByRole("button", { name: /^Apply \d+ chosen values$/ });
  const count = Number((await apply.textContent()).match(/\d+/)[0]);
  await apply.click();
  await section.getByText(`Applied ${count} fitted values. Undo takes them all back in one step.`).waitFor();
  const after = await changedText(total, before);
  assert.notEqual(after, before, "the projection changed");
  // Tier 1's trend was not chosen, so it stays at 3%; Tier 3's is fitted and has a range now.
  const tier1 = page.getByRole("group", { name: "Tier 1: targeted support", exact: true });
  assert.equal(await tier1.getByLabel("Demand trend").inputValue(), "3");
  const tier3 = page.getByRole("group", { name: "Tier 3: transitional placements", exact: true });
  assert.notEqual(await tier3.getByLabel("Demand trend").inputValue(), trendBefore);
  assert.match(await tier3.locator(".field__range").first().textContent(), /^Range: /);

  // One Undo takes the whole fit back.
  await page.getByRole("button", { name: "Undo", exact: true }).first().click();
  assert.equal(await changedText(total, after), before);
  assert.equal(await tier3.getByLabel("Demand trend").inputValue(), trendBefore);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("a history file with bad rows, dropped on its box, lists each with its line number", async () => {
  const context = await freshContext(env.browser, 1280, 900);
  const page = await openApp(context, env.server.url);
  const section = await openCalibrate(page);
  const text = [
    "year,phase,tier,entries_direct,census_pupils",
    "2023,Secondary,Tier 1: targeted support,430,170",
    "2024,Secondary,Tier 1: targeted support,lots,171",
    "24/25,Secondary,Tier 1: targeted support,440,172",
    "2025,Secondary,Tier Two,60,40",
  ].join("\r\n");
  // Dropped on the box, as from a file manager.
  const dropped = await page.evaluateHandle((t) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([t], "bad.csv", { type: "text/csv" }));
    return transfer;
  }, text);
  await section.locator(".dropzone").dispatchEvent("drop", { dataTransfer: dropped });
  await section.getByText("“bad.csv”: 2 rows read, 2 left out (below).").waitFor();
  assert.deepEqual(await section.locator(".notice li").allTextContents(), [
    "Line 3: entries_direct: “lots” is not a number",
    "Line 4: the year “24/25” is not an academic year (write 2023 or 2023/24)",
    "Tier “Tier Two” (lines 5)",
  ]);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
