// Workshop mode on a projector (1280×720): keyboard on a slider moves the figures while the
// starting scenario stays on the charts as a faint line; Reset, Keep and Esc.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useAppServer, openApp, screenshot, freshContext, changedText } from "./support.mjs";

const env = useAppServer({ before, after });

test("workshop: move a lever with the keyboard, see the figures change against the baseline", async () => {
  const context = await freshContext(env.browser, 1280, 720);
  const page = await openApp(context, env.server.url);
  // The early-intervention example has a Tier 1 investment lever.
  await page.locator("#section-library summary").click();
  await page.getByLabel("Built-in example").selectOption("dfe-early-intervention");
  await page.getByRole("button", { name: "Open example" }).click();
  await page.getByRole("button", { name: "Workshop mode" }).click();

  const dialog = page.getByRole("dialog", { name: /^Workshop:/ });
  await dialog.waitFor();
  const spend = page.getByTestId("workshop-spend");
  const before = await spend.textContent();
  const placesChart = page.locator("#workshop-places .chart__svg");
  await placesChart.locator("svg").waitFor();
  assert.match(await placesChart.textContent(), /Starting scenario/);

  const trend = dialog.getByLabel("Tier 3: transitional placements: demand trend (% a year)");
  await trend.focus();
  for (let n = 0; n < 6; n++) await page.keyboard.press("ArrowRight");
  const after = await changedText(spend, before);
  assert.notEqual(after, before);
  assert.match(await placesChart.textContent(), /Starting scenario/, "the baseline stays");
  await screenshot(page, "workshop-1280x720");

  await dialog.getByRole("button", { name: "Reset" }).click();
  assert.equal(await changedText(spend, after), before);

  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("the author chooses the levers and their ranges", async () => {
  const context = await freshContext(env.browser, 1280, 720);
  const page = await openApp(context, env.server.url);
  const section = page.locator("#section-levers");
  await section.getByRole("button", { name: "Choose the levers myself" }).click();
  const first = section.locator("fieldset").first();
  const firstName = await first.locator("legend").textContent();
  await section.getByRole("button", { name: `Remove lever ${firstName}` }).click();
  await section.getByLabel("Add a lever").selectOption({ label: "Tier 2: time-limited placements · Secondary: referral rate (per 1,000)" });
  await section.getByRole("button", { name: "Add", exact: true }).click();
  const added = section.getByRole("group", { name: "Tier 2: time-limited placements · Secondary: referral rate (per 1,000)" });
  await added.getByLabel("Highest value").fill("6");

  await page.getByRole("button", { name: "Workshop mode" }).click();
  const dialog = page.getByRole("dialog", { name: /^Workshop:/ });
  const slider = dialog.getByLabel("Tier 2: time-limited placements · Secondary: referral rate (per 1,000)");
  assert.equal(await slider.getAttribute("max"), "6");
  assert.equal(await dialog.getByLabel(firstName).count(), 0, "the removed lever is gone");
  const spend = page.getByTestId("workshop-spend");
  const before = await spend.textContent();
  await slider.fill("5");
  await changedText(spend, before);
  await dialog.getByRole("button", { name: "Keep this as a scenario" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("heading", { level: 1, name: /\(workshop\)$/ }).waitFor();
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("a lever on the budget is shown in pounds, in the form and on the projector", async () => {
  const context = await freshContext(env.browser, 1280, 720);
  const page = await openApp(context, env.server.url);
  const section = page.locator("#section-levers");
  await section.getByRole("button", { name: "Choose the levers myself" }).click();
  const name = "High-needs budget for AP in the first year (£)";
  await section.getByLabel("Add a lever").selectOption({ label: name });
  await section.getByRole("button", { name: "Add", exact: true }).click();
  const added = section.getByRole("group", { name, exact: true });
  // The bounds are typed in the input's own unit.
  assert.equal(await added.locator(".field__unit").first().textContent(), "£");

  await page.getByRole("button", { name: "Workshop mode" }).click();
  const dialog = page.getByRole("dialog", { name: /^Workshop:/ });
  const slider = dialog.getByLabel(name);
  const lever = dialog.locator(".lever").filter({ hasText: name });
  assert.equal(await lever.locator("output").textContent(), "£10.00m");
  assert.equal(await lever.locator(".lever__range").textContent(), "£0 to £20.00m");
  const against = dialog.locator(".card").filter({ hasText: "Against the high-needs budget" }).locator("dd");
  const before = await against.textContent();
  await slider.focus();
  for (let n = 0; n < 5; n++) await page.keyboard.press("ArrowRight");
  assert.equal(await lever.locator("output").textContent(), "£10.50m");
  assert.notEqual(await changedText(against, before), before, "more budget, a different position");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
