// The first screen, as a new user sees it on a laptop, a wide monitor and a phone: the answer
// (headline figures and the main chart) without scrolling, one page scroll, questions asked in
// the page, and Ctrl+Z in a field taking back the typing first.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useAppServer, openApp, screenshot, freshContext, changedText } from "./support.mjs";

const env = useAppServer({ before, after });

/** Elements that scroll vertically on their own (an inner scroll area), by their class. */
async function innerScrollers(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => {
        const y = getComputedStyle(el).overflowY;
        return (y === "auto" || y === "scroll") && el.scrollHeight > el.clientHeight + 1 && el.tagName !== "DIALOG";
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );
}

async function resultsWidth(page) {
  return page.locator(".layout__results").evaluate((el) => el.getBoundingClientRect().width);
}

test("at 1280×720 the headline figures and the main chart are on the first screen", async () => {
  const context = await freshContext(env.browser, 1280, 720);
  const page = await openApp(context, env.server.url);
  await page.locator("#chart-spend .chart__svg svg").waitFor();
  const box = await page.locator("#chart-spend .chart__svg").evaluate((el) => el.getBoundingClientRect().toJSON());
  assert.ok(box.y >= 0 && box.y + box.height <= 720, `chart from ${box.y} to ${box.y + box.height}`);
  assert.ok(box.x >= 0 && box.x + box.width <= 1280);
  for (const id of ["total-spend", "variance"]) {
    const card = await page.getByTestId(id).boundingBox();
    assert.ok(card && card.y + card.height <= 720, `${id} is visible`);
  }
  assert.deepEqual(await innerScrollers(page), [], "nothing scrolls apart from the page");
  await screenshot(page, "first-screen-1280x720");
  const narrow = await resultsWidth(page);

  const wide = await openApp(await freshContext(env.browser, 1920, 1080), env.server.url);
  await wide.locator("#chart-spend .chart__svg svg").waitFor();
  const wider = await resultsWidth(wide);
  assert.ok(wider > narrow + 400, `results use the width: ${narrow} at 1280, ${wider} at 1920`);
  assert.deepEqual(await innerScrollers(wide), []);
  await screenshot(wide, "first-screen-1920x1080");

  // Folding the assumptions away gives the results the whole width.
  await wide.getByRole("button", { name: "Hide assumptions" }).click();
  await wide.getByRole("heading", { name: "Assumptions" }).waitFor({ state: "hidden" });
  assert.ok((await resultsWidth(wide)) > wider + 200);
  await wide.getByRole("button", { name: "Show assumptions" }).click();
  await wide.getByRole("heading", { name: "Assumptions" }).waitFor();

  const phone = await openApp(await freshContext(env.browser, 420, 900), env.server.url);
  await phone.locator("#chart-spend .chart__svg svg").waitFor();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling on a phone (${overflow}px too wide)`);
  assert.deepEqual(await innerScrollers(phone), []);
  await screenshot(phone, "first-screen-420x900");
  for (const p of [page, wide, phone]) assert.deepEqual(p.appErrors, []);
  await context.close();
});

test("every chart's text is at least 12 px as shown", async () => {
  for (const [w, h] of [[1280, 720], [1920, 1080], [420, 900]]) {
    const context = await freshContext(env.browser, w, h);
    const page = await openApp(context, env.server.url);
    await page.locator("#chart-spend .chart__svg svg").waitFor();
    await page.locator("#chart-flows .chart__svg svg").waitFor();
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll(".chart__svg svg text")].map((t) => {
        const svg = t.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || svg.width.baseVal.value);
        return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, flows: !!t.closest("#chart-flows") };
      }),
    );
    assert.ok(sizes.length > 10, "charts have text");
    assert.ok(sizes.some((s) => s.flows), "the flow diagram was measured");
    const small = sizes.filter((s) => s.px < 12).map(({ text, px }) => ({ text, px }));
    assert.deepEqual(small, [], `text under 12 px at ${w}×${h}`);
    await context.close();
  }
});

test("saving names the scenario in the page's own dialog, with the keyboard only", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  let browserBoxes = 0;
  page.on("dialog", (d) => {
    browserBoxes += 1;
    d.dismiss();
  });
  const library = page.locator("#section-library");
  await library.locator("summary").click();
  const saveAs = library.getByRole("button", { name: "Save as", exact: true });
  await saveAs.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Name for the saved scenario" });
  await dialog.waitFor();
  const name = dialog.getByRole("textbox", { name: "Name for the saved scenario" });
  assert.ok(await name.evaluate((el) => el === document.activeElement), "focus moves into the dialog");
  await screenshot(page, "dialog-save-as");

  // Esc closes it, saves nothing, and puts focus back on the button.
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.ok(await saveAs.evaluate((el) => el === document.activeElement), "focus returns to Save as");
  assert.equal(await library.getByRole("row", { name: /Keyboard plan/ }).count(), 0);

  await page.keyboard.press("Enter");
  await dialog.waitFor();
  await page.keyboard.press("Control+a");
  await page.keyboard.type("Keyboard plan");
  await page.keyboard.press("Enter");
  await dialog.waitFor({ state: "hidden" });
  await page.getByTestId("library-notice").getByText("Saved “Keyboard plan” in this browser.").waitFor();
  await library.getByRole("row", { name: /Keyboard plan/ }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "Keyboard plan");

  // Removing a tier asks in the page too; Cancel keeps it.
  await page.getByRole("button", { name: "Remove: Tier 2: time-limited placements" }).click();
  const remove = page.getByRole("dialog", { name: /Remove the tier “Tier 2: time-limited placements”/ });
  await remove.waitFor();
  await remove.getByRole("button", { name: "Cancel" }).click();
  await remove.waitFor({ state: "hidden" });
  assert.equal(await page.getByRole("group", { name: "Tier 2: time-limited placements", exact: true }).count(), 1);
  assert.equal(browserBoxes, 0, "the browser's own prompt and confirm boxes are never used");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("Ctrl+Z in a name field undoes the typing first, then the scenario's last change", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  const spend = page.getByTestId("total-spend");
  const before = await spend.textContent();
  const rate = page.getByRole("group", { name: "Tier 2: time-limited placements", exact: true }).getByLabel("Secondary: referral rate");
  await rate.fill("3");
  await changedText(spend, before);

  const name = page.getByLabel("Scenario name");
  const original = await name.inputValue();
  await name.click();
  await name.press("End");
  await page.keyboard.type(" draft");
  assert.equal(await name.inputValue(), `${original} draft`);
  // The browser's own undo: a word at a time or all at once, depending on how it grouped it.
  let presses = 0;
  while ((await name.inputValue()) !== original && presses < 8) {
    await page.keyboard.press("Control+z");
    presses += 1;
  }
  assert.equal(await name.inputValue(), original, "the typing is taken back");
  assert.ok(presses <= 2, `undone in ${presses} presses, not a letter at a time`);
  assert.notEqual(await spend.textContent(), before, "the rate change is still there");
  await page.keyboard.press("Control+Shift+z");
  assert.notEqual(await name.inputValue(), original, "and redone");
  while ((await name.inputValue()) !== original) await page.keyboard.press("Control+z");
  // Nothing left to undo in the field: the next Ctrl+Z undoes the rate change.
  await page.keyboard.press("Control+z");
  await page.waitForFunction((b) => document.querySelector("[data-testid=total-spend]").textContent === b, before);
  assert.equal(await rate.inputValue(), "1.5");
  assert.equal(await name.inputValue(), original);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("places are charted per tier against its own capacity; support in school has no capacity line", async () => {
  const context = await freshContext(env.browser, 1920, 1080);
  const page = await openApp(context, env.server.url);
  for (const i of [1, 2]) {
    await page.locator(`#chart-tier-${i} svg`).waitFor();
    assert.match(await page.locator(`#chart-tier-${i} .chart__svg`).textContent(), /Commissioned places/);
  }
  assert.equal(await page.locator("#chart-tier-0").count(), 0, "Tier 1 is not charted against places");
  const caseload = await page.locator("#chart-caseload .chart__svg").textContent();
  assert.match(caseload, /Tier 1: targeted support/);
  assert.doesNotMatch(caseload, /Commissioned places/);
  const flows = await page.locator("#chart-flows .chart__svg").textContent();
  assert.ok(!flows.includes("…"), "no name is cut short");
  for (const word of ["Tier 1:", "targeted", "support", "Tier 2:", "time-limited", "placements", "Tier 3:", "transitional"]) {
    assert.ok(flows.includes(word), `${word} is written in the flow diagram`);
  }
  await page.locator("#chart-tier-1").scrollIntoViewIfNeeded();
  await screenshot(page, "places-by-tier-1920");
  await page.locator("#chart-flows").scrollIntoViewIfNeeded();
  await screenshot(page, "flows-1920");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
