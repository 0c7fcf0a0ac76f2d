// Comparing scenarios: the two built-in DfE examples side by side, the invest-to-save case and
// the payback year, as a commissioner would read them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useAppServer, openApp, screenshot, freshContext } from "./support.mjs";

const env = useAppServer({ before, after });

test("comparing the two DfE examples shows when early intervention pays back", async () => {
  const context = await freshContext(env.browser, 1280, 720);
  const page = await openApp(context, env.server.url);
  await page.getByRole("button", { name: "Compare scenarios" }).click();
  const examples = [
    page.getByRole("checkbox", { name: "Example: DfE three tiers, current trends", exact: true }),
    page.getByRole("checkbox", { name: "Example: DfE three tiers with early intervention", exact: true }),
  ];
  for (const box of examples) assert.equal(await box.isChecked(), true);
  assert.equal(await page.getByLabel("Baseline").inputValue(), "example:dfe-three-tier");

  await page.locator("#compare-places svg").waitFor();
  const svg = await page.locator("#compare-spend .chart__svg").textContent();
  assert.match(svg, /Example: DfE three tiers with early intervention/);
  assert.equal(await page.getByTestId("payback").textContent(), "2028/29");
  const diffs = await page.locator(".compare__diffs").textContent();
  assert.match(diffs, /Intervention Inclusion support in schools added/);
  await screenshot(page, "compare");

  // The comparison travels as one link and exports as CSV.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export comparison CSV" }).click()]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
  assert.equal(csv.length, 1 + 2 * 5);
  assert.match(csv[0], /^scenario,is_baseline,year,academic_year,places_needed,total_spend/);
  const [book] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export comparison Excel" }).click()]);
  assert.equal(book.suggestedFilename(), "comparison.xlsx");
  assert.equal(readFileSync(await book.path()).subarray(0, 2).toString(), "PK");
  await page.getByRole("button", { name: "Share this comparison" }).click();
  const link = await page.getByLabel("Comparison link").inputValue();
  assert.match(link, /#c=1\./);
  const other = await freshContext(env.browser, 1280, 720);
  const shared = await openApp(other, link);
  await shared.getByRole("heading", { name: "Shared comparison" }).waitFor();
  assert.equal(await shared.getByTestId("payback").textContent(), "2028/29");
  assert.equal(await shared.evaluate(() => localStorage.length), 0, "opening it saved nothing");
  assert.deepEqual(shared.appErrors, []);
  await other.close();

  // Fewer than two scenarios: a clear message instead of figures.
  await examples[1].uncheck();
  await page.getByText("Choose two to four scenarios to compare (1 chosen).").waitFor();
  assert.equal(await page.getByTestId("payback").count(), 0);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
