// The scenario workspace, used as a commissioner would: edit assumptions, see figures and charts
// change, build a four-level model, get clear errors, undo, and export what is shown.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  useAppServer, openApp, screenshot, freshContext, readFigure, changedText, ownDraft, unzip,
} from "./support.mjs";

const root = resolve(import.meta.dirname, "../..");
const env = useAppServer({ before, after });

const tierGroup = (page, name) => page.getByRole("group", { name, exact: true });

test("changing a referral rate changes the headline figures and the chart", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  const spend = page.getByTestId("total-spend");
  const peak = page.getByTestId("peak-places");
  const chart = page.locator("#chart-spend .chart__svg");
  await chart.locator("svg").waitFor();
  const [spendBefore, peakBefore, chartBefore] = [
    await spend.textContent(), await peak.textContent(), await chart.innerHTML(),
  ];

  const tier2 = tierGroup(page, "Tier 2: time-limited placements");
  const rate = tier2.getByLabel("Secondary: referral rate");
  assert.equal(await rate.inputValue(), "1.5");
  await rate.fill("3");
  const spendAfter = await changedText(spend, spendBefore);
  assert.ok(readFigure(spendAfter) > readFigure(spendBefore), `${spendBefore} -> ${spendAfter}`);
  assert.ok(readFigure(await peak.textContent()) > readFigure(peakBefore));
  assert.notEqual(await chart.innerHTML(), chartBefore);

  // Undo with the keyboard (outside the field: in it, Ctrl+Z first undoes the typing), redo
  // with the button.
  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Control+z");
  await changedText(spend, spendAfter);
  assert.equal(await spend.textContent(), spendBefore);
  assert.equal(await rate.inputValue(), "1.5");
  await page.getByRole("button", { name: "Redo" }).click();
  assert.equal(await changedText(spend, spendBefore), spendAfter);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("a four-level model: add a tier and a provider, name them, and see them projected", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  page.on("dialog", (d) => d.accept());

  await page.getByRole("button", { name: "Add a tier" }).click();
  const tier4 = tierGroup(page, "Tier 4");
  await tier4.getByLabel("Tier name").fill("Level 4: PRU and inclusion centre");
  const level4 = tierGroup(page, "Level 4: PRU and inclusion centre");
  await level4.getByLabel("Secondary: exclusion rate").fill("1");

  await page.getByRole("button", { name: "Add a provider to Level 4: PRU and inclusion centre" }).click();
  const provider = page.getByRole("group", { name: "1. Provider 1" });
  await provider.getByLabel("Provider name").fill("City PRU");
  await page.getByRole("group", { name: "1. City PRU" }).getByLabel("Commissioned places").fill("30");

  // The new level has its own chart of places against its own commissioned places.
  await page.locator("#chart-tier-3").getByRole("button", { name: "Show as table" }).click();
  const table = page.locator("#chart-tier-3-table table");
  await table.waitFor();
  const header = await table.locator("thead").textContent();
  assert.match(await page.locator("#chart-tier-3 .chart__title").textContent(), /Level 4: PRU and inclusion centre/);
  assert.match(header, /Commissioned places/);

  // Move the new level above Tier 3.
  await page.getByRole("button", { name: "Move up: Level 4: PRU and inclusion centre" }).click();
  const legends = await page.locator("#section-tiers legend").allTextContents();
  assert.deepEqual(legends.filter((l) => !l.includes(":")).length, 0);
  assert.equal(legends[2], "Level 4: PRU and inclusion centre");

  await screenshot(page, "workspace-four-level");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("an invalid value shows the error summary and the stale marker until it is fixed", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  const spend = page.getByTestId("total-spend");
  const spendBefore = await spend.textContent();

  const stay = tierGroup(page, "Tier 3: transitional placements").getByLabel("Average length of stay");
  await stay.fill("0");
  const summary = page.locator(".error-summary");
  await summary.waitFor();
  const message = "Tier 3: transitional placements · average length of stay must be between 0.1 and 520 weeks";
  assert.match(await summary.textContent(), /There is a problem/);
  await assert.doesNotReject(summary.getByRole("link", { name: message }).waitFor());
  assert.equal(await stay.getAttribute("aria-invalid"), "true");
  await assert.doesNotReject(page.getByText("Out of date:").waitFor());
  assert.equal(await spend.textContent(), spendBefore, "the last good figures stay");
  await screenshot(page, "workspace-error-summary");

  // The summary's link takes the user to the field.
  await page.locator("#section-tiers > summary").click(); // close the section
  await summary.getByRole("link", { name: message }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tiers.2.stay_weeks");

  await stay.fill("39");
  await summary.waitFor({ state: "detached" });
  assert.equal(await page.getByText("Out of date:").count(), 0);
  assert.equal(await spend.textContent(), spendBefore);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("names are shown as text, never run as markup", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs += 1;
    d.dismiss();
  });
  const evil = "<img src=x onerror=alert(1)>";
  await tierGroup(page, "Tier 1: targeted support").getByLabel("Tier name").fill(evil);
  await tierGroup(page, evil).waitFor();
  const chart = page.locator("#chart-caseload .chart__svg");
  await page.waitForFunction(() => document.querySelector("#chart-caseload .chart__svg")?.textContent.includes("<img"));
  assert.equal(await chart.locator("img").count(), 0, "no element was made from the name");
  assert.equal(await page.locator("img[src=x]").count(), 0);
  await page.waitForTimeout(200);
  assert.equal(dialogs, 0);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("the exported CSV holds the engine's figures for the scenario on screen", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await tierGroup(page, "Tier 3: transitional placements").getByLabel("Secondary: exclusion rate").fill("2.4");
  await page.waitForFunction(() => localStorage.getItem(`ap-planner.draft.${sessionStorage.getItem("ap-planner.tab")}`)?.includes("2.4"));

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export CSV" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "dfe-three-tiers-current-trends-projection.csv");
  const csv = readFileSync(await download.path(), "utf8");

  const dir = mkdtempSync(join(tmpdir(), "ap-e2e-"));
  const scenarioFile = join(dir, "scenario.json");
  writeFileSync(scenarioFile, await ownDraft(page));
  const expected = execFileSync("cargo", ["run", "-q", "--bin", "ap-project", "--", scenarioFile], {
    cwd: root,
    encoding: "utf8",
  });
  assert.equal(csv, expected);
  assert.equal(csv.trim().split("\n").length, 1 + 5 * 3 * 2);
  await context.close();
});

test("screenshots at projector, laptop, large and narrow sizes", async () => {
  for (const [w, h] of [[1280, 720], [1920, 1080], [420, 900]]) {
    const context = await freshContext(env.browser, w, h);
    const page = await openApp(context, env.server.url);
    await page.locator("#chart-spend svg").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scrolling at ${w}px (overflow ${overflow}px)`);
    await screenshot(page, `workspace-${w}x${h}`);
    assert.deepEqual(page.appErrors, []);
    await context.close();
  }
});

test("Excel workbook and chart images download, and the page prints as a summary", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await page.locator("#chart-spend svg").waitFor();
  const save = async (button, scope = page) => {
    const [download] = await Promise.all([page.waitForEvent("download"), scope.getByRole("button", { name: button }).click()]);
    return [download.suggestedFilename(), readFileSync(await download.path())];
  };

  // The workbook comes from the export worker, a second module loaded on this first use; the
  // page says so meanwhile.
  await page.evaluate(() => {
    window.sawPreparing = false;
    new MutationObserver(() => {
      if (document.body.textContent.includes("Preparing the workbook…")) window.sawPreparing = true;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const [xlsxName, xlsx] = await save("Export Excel");
  assert.equal(xlsxName, "dfe-three-tiers-current-trends.xlsx");
  assert.ok(await page.evaluate(() => window.sawPreparing), "\"Preparing the workbook…\" was shown");
  await page.getByText("Preparing the workbook…").waitFor({ state: "detached" });
  assert.equal(xlsx.subarray(0, 2).toString(), "PK", "an .xlsx is a zip file");
  // It reads back: its sheets (the example has ranges, so Ranges too), with the figures in them.
  const parts = unzip(xlsx);
  const book = parts["xl/workbook.xml"].toString();
  for (const sheet of ["Summary", "Inputs", "Results", "Ranges"]) assert.match(book, new RegExp(`name="${sheet}"`));
  assert.equal(parts["xl/worksheets/sheet3.xml"].toString().match(/<row /g).length, 1 + 5 * 3 * 2, "a row per year, tier and phase");
  assert.match(parts["xl/sharedStrings.xml"].toString(), /Tier 3: transitional placements/);

  const places = page.locator("#chart-tier-2");
  const [svgName, svg] = await save("Download SVG", places);
  assert.equal(svgName, "chart-tier-2.svg");
  // Drawn at the size it is shown at on this screen.
  assert.match(svg.toString(), /^<svg[^>]*viewBox="0 0 \d{3,4} \d{3}"/);
  assert.match(svg.toString(), /Places filled within commissioned places/);

  const [pngName, png] = await save("Download PNG", places);
  assert.equal(pngName, "chart-tier-2.png");
  assert.equal(png.subarray(1, 4).toString(), "PNG");
  const [, w, h] = svg.toString().match(/viewBox="0 0 (\d+) (\d+)"/).map(Number);
  assert.equal(png.readUInt32BE(16), 2 * w, "twice the chart's width");
  assert.equal(png.readUInt32BE(20), 2 * h);

  await page.emulateMedia({ media: "print" });
  assert.equal(await page.getByRole("button", { name: "Export CSV" }).isVisible(), false, "no buttons on paper");
  await page.pdf({ path: join(root, "target", "e2e-screenshots", "workspace-print.pdf"), format: "A4" });
  console.log(`print preview: ${join(root, "target", "e2e-screenshots", "workspace-print.pdf")}`);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("keyboard only: skip link, arrow keys step a value, Enter opens a table, focus is visible", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to results");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title");

  const spend = page.getByTestId("total-spend");
  const before = await spend.textContent();
  const rate = tierGroup(page, "Tier 1: targeted support").getByLabel("Secondary: referral rate");
  await rate.focus();
  const outline = await rate.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, "none", "the focused field shows where focus is");
  await page.keyboard.press("ArrowUp");
  assert.equal(await rate.inputValue(), "8.1");
  await changedText(spend, before);

  const tableButton = page.locator("#chart-spend button[aria-controls=chart-spend-table]");
  assert.equal(await tableButton.textContent(), "Show as table");
  await tableButton.focus();
  await page.keyboard.press("Enter");
  await page.locator("#chart-spend-table table").waitFor();
  assert.equal(await tableButton.getAttribute("aria-expanded"), "true");
  assert.equal(await tableButton.textContent(), "Hide table");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("if the export module cannot load, Excel export says so, and works once it can", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await page.locator("#chart-spend svg").waitFor();
  // The worker's WebAssembly is missing (a broken deployment, or the connection dropped).
  const missing = (route) => route.fulfill({ status: 404, body: "not found" });
  await context.route("**/ap-export-worker_bg.wasm", missing);
  await page.getByRole("button", { name: "Export Excel" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The workbook could not be made" });
  await alert.waitFor();
  const said = await alert.textContent();
  console.log(`message shown: ${said}`);
  assert.match(said, /did not load/);
  assert.equal(await page.getByRole("button", { name: "Export Excel" }).isEnabled(), true);
  assert.match(await page.getByTestId("total-spend").textContent(), /£/, "the figures are still there");

  await context.unroute("**/ap-export-worker_bg.wasm", missing);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export Excel" }).click()]);
  assert.ok(unzip(readFileSync(await download.path()))["xl/workbook.xml"].toString().includes('name="Summary"'));
  await alert.waitFor({ state: "detached" });
  // The browser's own report of the failed fetch is expected; nothing else may be logged.
  assert.deepEqual(page.appErrors.filter((e) => !/404|Failed to load resource/.test(e)), []);
  await context.close();
});
