// A share link pasted into the address bar of a tab that already shows the app opens it, and
// Back returns to the user's own work, unchanged.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useAppServer, openApp, freshContext, changedText, secondaryPupils } from "./support.mjs";

const env = useAppServer({ before, after });

test("a link pasted into the address bar opens in the same tab, and Back returns to my work", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  // A link to the example as it is, then my own change to the working scenario.
  await page.getByRole("button", { name: "Copy share link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  const shared = await page.getByTestId("total-spend").textContent();
  await secondaryPupils(page).fill("61,000");
  const mine = await changedText(page.getByTestId("total-spend"), shared);

  // Paste the link into this tab's address bar: only the fragment changes.
  await page.evaluate((fragment) => { location.hash = fragment; }, new URL(link).hash);
  await page.getByText("Shared scenario: DfE three tiers, current trends").waitFor();
  assert.equal(await page.getByTestId("total-spend").textContent(), shared);

  // Back: my own scenario, with my change.
  await page.goBack();
  await page.getByRole("button", { name: "Copy share link" }).waitFor();
  assert.equal(await secondaryPupils(page).inputValue(), "61,000");
  assert.equal(await page.getByTestId("total-spend").textContent(), mine);

  // A jump to an anchor on the page (the skip link) does not reload anything.
  await page.getByRole("link", { name: "Skip to results" }).focus();
  await page.keyboard.press("Enter");
  assert.equal(await secondaryPupils(page).inputValue(), "61,000");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});
