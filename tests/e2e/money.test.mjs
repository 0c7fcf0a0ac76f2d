// The money as a high-needs finance lead uses it: who pays each cost, high-needs spend against
// the high-needs budget, financial years for the DSG plan, and the cumulative position from an
// opening balance.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { useAppServer, openApp, screenshot, freshContext, readFigure, changedText } from "./support.mjs";

const env = useAppServer({ before, after });

/** The exact figure on line `line` of the money table (laid out as the DSG plan: one row per
 *  line, one column per year) in year column `year` (0 = the first). */
async function cell(page, year, line) {
  const row = page.getByTestId("money-table").getByRole("row").filter({ has: page.getByRole("rowheader", { name: line, exact: true }) });
  return Number(await row.locator("td").nth(year).getAttribute("data-value"));
}

const COLUMN = {
  highNeeds: "High-needs block spend",
  schools: "Paid by schools",
  whole: "Whole-system spend",
  inYear: "In-year position (mitigated)",
  cumulative: "Cumulative position (mitigated)",
};

/** Wait until `read()` gives something other than `before`. */
async function changed(read, before, timeout = 5000) {
  const start = Date.now();
  for (;;) {
    const now = await read();
    if (now !== before) return now;
    if (Date.now() - start > timeout) throw new Error(`stayed ${before}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

/** A part of a zip file (an .xlsx), as text. */
function zipPart(path, name) {
  return execFileSync("python3", ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", path, name], { encoding: "utf8" });
}

test("a cost paid by schools leaves high-needs spend and the whole system is unchanged; financial years export; an opening deficit starts the position", async () => {
  const context = await freshContext(env.browser, 1280, 900);
  const page = await openApp(context, env.server.url);
  const money = page.getByRole("region", { name: "Money" });
  await money.getByTestId("money-table").locator("tbody tr").first().waitFor();

  // Academic years first: 2026/27 as projected.
  assert.equal(await money.getByTestId("money-table").locator("thead th").nth(1).textContent(), "2026/27");
  const highNeeds = await cell(page, 0, COLUMN.highNeeds);
  const schools = await cell(page, 0, COLUMN.schools);
  const whole = await cell(page, 0, COLUMN.whole);
  const headline = await page.getByTestId("total-spend").textContent();
  const wholeHeadline = await page.getByTestId("whole-system-spend").textContent();

  // The commissioning team (£350,000 a year) is now paid by schools.
  const team = page.getByRole("group", { name: "AP commissioning and inclusion team", exact: true });
  await team.getByLabel("Paid by").selectOption("schools");
  const after = await changed(() => cell(page, 0, COLUMN.highNeeds), highNeeds);
  assert.ok(Math.abs(highNeeds - after - 350_000) < 0.01, `high-needs ${highNeeds} -> ${after}`);
  assert.ok(Math.abs(await cell(page, 0, COLUMN.schools) - schools - 350_000) < 0.01, "schools pay it");
  assert.equal(await cell(page, 0, COLUMN.whole), whole, "the whole system spends the same");
  // The headline's high-needs spend falls by the line over five years (£350,000 × Σ 1.02^t),
  // and the whole-system figure does not move.
  const headlineAfter = await changedText(page.getByTestId("total-spend"), headline);
  const fall = readFigure(headline) - readFigure(headlineAfter);
  const expected = 350_000 * (1 + 1.02 + 1.02 ** 2 + 1.02 ** 3 + 1.02 ** 4);
  assert.ok(Math.abs(fall - expected) < 10_000, `headline fell by ${fall}, expected about ${expected}`);
  assert.equal(await page.getByTestId("whole-system-spend").textContent(), wholeHeadline);

  // Financial years, as the DSG plan: the partial first and last years are marked.
  await money.getByLabel("Show the money by").selectOption("financial");
  const years = money.getByTestId("money-table").locator("thead th");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=money-table] thead th")[1]?.textContent === "2026-27 (part)");
  assert.deepEqual(await years.allTextContents(), ["Line", "2026-27 (part)", "2027-28", "2028-29", "2029-30", "2030-31", "2031-32 (part)"]);
  await money.scrollIntoViewIfNeeded();
  await screenshot(page, "money-financial-years");
  const [book] = await Promise.all([
    page.waitForEvent("download"),
    money.getByRole("button", { name: "Download money (Excel)" }).click(),
  ]);
  assert.equal(book.suggestedFilename(), "dfe-three-tiers-current-trends-money-financial-years.xlsx");
  const path = await book.path();
  assert.equal(readFileSync(path).subarray(0, 2).toString(), "PK", "an .xlsx is a zip file");
  const strings = zipPart(path, "xl/sharedStrings.xml");
  for (const text of ["2026-27 (part)", "2027-28", "Net high-needs spend (mitigated)", "Cumulative position (unmitigated)", "High-needs budget"]) {
    assert.ok(strings.includes(text), `${text} is in the sheet`);
  }
  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    money.getByRole("button", { name: "Download money (CSV)" }).click(),
  ]);
  const lines = readFileSync(await csv.path(), "utf8").trim().split("\n");
  assert.equal(lines[0], "line,2026-27 (part),2027-28,2028-29,2029-30,2030-31,2031-32 (part)");

  // An opening deficit of £2m: the cumulative position starts from it.
  const cumulative = await cell(page, 0, COLUMN.cumulative);
  await page.getByLabel("Cumulative DSG position at 31 March before the first financial year").fill("-2,000,000");
  const start = await changed(() => cell(page, 0, COLUMN.cumulative), cumulative);
  const inYear = await cell(page, 0, COLUMN.inYear);
  assert.ok(Math.abs(start - (-2_000_000 + inYear)) < 0.01, `cumulative ${start} = −£2m + ${inYear}`);
  assert.ok(Math.abs(cumulative - start - 2_000_000) < 0.01);
  assert.match(await money.getByTestId("money-opening").textContent(), /^Cumulative DSG position at 31 March 2026 −£2\.00m/);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("transport is the council's; a cost split between funders must add up to 100%; the stability grant and the override have their own lines; the spread in financial years", async () => {
  const context = await freshContext(env.browser, 1280, 900);
  const page = await openApp(context, env.server.url);
  const money = page.getByRole("region", { name: "Money" });
  await money.getByTestId("money-table").locator("tbody tr").first().waitFor();
  const tier3 = page.getByRole("group", { name: "Tier 3: transitional placements", exact: true });

  // New and example tiers charge transport to the council's general fund: its own line, not
  // high-needs spend.
  const transport = tier3.getByLabel("Transport paid by", { exact: true });
  assert.equal(await transport.inputValue(), "council");
  const council = await cell(page, 0, "Paid by the council (general fund)");
  assert.ok(council > 0, `the council pays £${council}`);
  const highNeeds = await cell(page, 0, COLUMN.highNeeds);
  const schools = await cell(page, 0, COLUMN.schools);

  // Split Tier 3's transport: the shares start as they were (all the council's); 50% more for
  // schools is refused with what the shares add up to, until the council's share is cut.
  await transport.selectOption("split");
  const shares = tier3.getByRole("group", { name: "Shares: Transport paid by" });
  assert.equal(await shares.getByLabel("Share paid by the council (general fund)").inputValue(), "100");
  await shares.getByLabel("Share paid by schools").fill("50");
  await tier3.getByText("Tier 3: transitional placements · transport paid by is split between funders whose shares add up to 150%: they must add up to 100%").waitFor();
  assert.equal(await transport.getAttribute("aria-invalid"), "true");
  await shares.getByLabel("Share paid by the council (general fund)").fill("50");
  const moved = await changed(() => cell(page, 0, COLUMN.schools), schools) - schools;
  const councilNow = await cell(page, 0, "Paid by the council (general fund)");
  assert.ok(Math.abs(moved - (council - councilNow)) < 0.01, `schools +${moved}, council −${council - councilNow}`);
  assert.equal(await cell(page, 0, COLUMN.highNeeds), highNeeds, "high-needs spend unchanged");
  assert.equal(await tier3.getByText(/shares add up to/).count(), 0, "the message has gone");
  assert.equal(await transport.getAttribute("aria-invalid"), "false");
  await screenshot(page, "funding-split");

  // A deficit brought forward of £4m, 90% written off by the stability grant in 2028-29, and the
  // override ending in March 2028: each has its own line, in financial years.
  await money.getByLabel("Show the money by").selectOption("financial");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=money-table] thead th")[1]?.textContent === "2026-27 (part)");
  await page.getByLabel("Cumulative DSG position at 31 March before the first financial year").fill("-4,000,000");
  await page.getByLabel("Share of the deficit brought forward written off").fill("90");
  const written = "Deficit written off by grant (stability grant)";
  await changed(() => cell(page, 2, written), 0);
  assert.equal(await cell(page, 2, written), 3_600_000, "90% of £4m in 2028-29");
  assert.equal(await cell(page, 1, written), 0);
  assert.match(await money.getByTestId("money-opening").textContent(), /A grant writes off 90% of the deficit brought forward in 2028-29\./);
  const outside = "Deficit outside the statutory override (mitigated)";
  assert.equal(await cell(page, 1, outside), 0, "2027-28 is inside the override");
  const cumulative2029 = await cell(page, 3, COLUMN.cumulative);
  assert.equal(await cell(page, 3, outside), Math.max(0, -cumulative2029), "after March 2028 the deficit is outside");

  // With ranges (the example has them), the spread and the chance of overspending follow the
  // years chosen: financial years here, each summed from its own draws.
  const bands = money.getByTestId("money-bands");
  await bands.waitFor();
  assert.deepEqual((await bands.locator("thead th").allTextContents()).slice(0, 3), ["Line", "2026-27 (part)", "2027-28"]);
  const chance = bands.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Chance of overspending in the year" }) });
  assert.match(await chance.locator("td").nth(1).textContent(), /^(\d+%|under 1%|over 99%)$/);
  const range = bands.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Net high-needs spend, 80% range (P10 to P90)" }) });
  assert.match(await range.locator("td").nth(1).textContent(), /^£[\d.]+m to £[\d.]+m$/);
  await money.scrollIntoViewIfNeeded();
  await screenshot(page, "money-deficit-rules");
  await money.getByLabel("Show the money by").selectOption("academic");
  await page.waitForFunction(() => document.querySelector("[data-testid=money-bands] thead th:nth-child(2)")?.textContent === "2026/27");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
