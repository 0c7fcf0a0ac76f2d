// Comparing scenarios: the two built-in DfE examples side by side, the invest-to-save case and
// the payback year, as a commissioner would read them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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

  // Fewer than two scenarios: a clear message instead of figures.
  await examples[1].uncheck();
  await page.getByText("Choose two to four scenarios to compare (1 chosen).").waitFor();
  assert.equal(await page.getByTestId("payback").count(), 0);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
