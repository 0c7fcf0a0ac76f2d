// An automated accessibility audit (axe-core, pinned in package-lock.json) of every state a
// person reaches: the workspace with every section open, the library, a question dialog,
// Compare and Workshop mode, against the WCAG 2.x A and AA rules. Any violation fails.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { useAppServer, openApp, screenshot, freshContext } from "./support.mjs";

const env = useAppServer({ before, after });
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Run axe over the page (or `within`, a CSS selector) and return its violations, briefly. */
async function audit(page, within = "body") {
  // Evaluated through the DevTools protocol: the page's own policy forbids injected scripts.
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    ([sel, tags]) =>
      window.axe.run(document.querySelector(sel), { runOnly: { type: "tag", values: tags } }).then((r) => r.violations),
    [within, TAGS],
  );
  return violations.map((v) => ({
    rule: v.id,
    help: v.help,
    where: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1] ?? ""}`),
  }));
}

async function openEverySection(page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
}

test("the workspace with every section and the library open has no WCAG A/AA violations", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await page.locator("#chart-spend .chart__svg svg").waitFor();
  await openEverySection(page);
  await page.getByRole("button", { name: "Show as table" }).first().click();
  assert.deepEqual(await audit(page), []);
  await screenshot(page, "audit-workspace");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("a question dialog, Compare and Workshop mode have no WCAG A/AA violations", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await page.locator("#section-library summary").click();
  await page.getByRole("button", { name: "Save as", exact: true }).click();
  await page.getByRole("dialog", { name: "Name for the saved scenario" }).waitFor();
  assert.deepEqual(await audit(page, "dialog[open]"), []);
  await page.keyboard.press("Escape");

  await page.getByRole("button", { name: "Compare scenarios" }).click();
  await page.getByRole("checkbox", { name: "Example: DfE three tiers with early intervention", exact: true }).check();
  await page.getByTestId("payback").waitFor();
  assert.deepEqual(await audit(page), []);
  await screenshot(page, "audit-compare");

  await page.getByRole("button", { name: "Workspace" }).click();
  await page.getByRole("button", { name: "Workshop mode" }).click();
  const workshop = page.getByRole("dialog", { name: /^Workshop:/ });
  await workshop.waitFor();
  assert.deepEqual(await audit(page, ".workshop"), []);
  await screenshot(page, "audit-workshop");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("calibration from history, with a fit shown, and the Money view have no WCAG A/AA violations", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  const section = page.locator("#section-calibrate");
  await section.getByText("Calibrate from history…").click();
  const history = resolve(import.meta.dirname, "../../docs/examples/dfe-three-tier-history.csv");
  await section.getByLabel("History file (CSV)").setInputFiles(history);
  await section.locator("figure svg").first().waitFor();
  assert.deepEqual(await audit(page, "#section-calibrate"), []);
  await page.getByRole("region", { name: "Money" }).getByLabel("Show the money by").selectOption("financial");
  assert.deepEqual(await audit(page, "#money"), []);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
