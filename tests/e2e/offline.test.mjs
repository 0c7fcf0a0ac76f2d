// The parts of the app fetched after the first chart (src/lazy.rs): one that cannot be fetched
// says so in its place and stops nothing else; once the page has loaded, everything has been
// fetched, so the app works with the connection down.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { useAppServer, openApp, freshContext, readFigure, changedText, secondaryPupils } from "./support.mjs";

const env = useAppServer({ before, after });

test("a part that cannot be fetched says so, the rest keeps working, and a later try fetches it", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  let blocked = true;
  await context.route(/\/split_compare\.[0-9a-f]{10}\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  const page = await openApp(context, env.server.url);
  await secondaryPupils(page).waitFor();

  await page.getByRole("button", { name: "Compare scenarios" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "could not be fetched" });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Your work is unchanged; reload the page when the connection is back\./);

  // Back to the workspace: it still works.
  await page.getByRole("button", { name: "Workspace" }).click();
  const spend = page.getByTestId("total-spend");
  const before = await spend.textContent();
  await secondaryPupils(page).fill("70000");
  const afterEdit = await changedText(spend, before);
  assert.ok(readFigure(afterEdit) > readFigure(before), `${before} -> ${afterEdit}`);

  // The connection is back: the next try fetches it.
  blocked = false;
  await page.getByRole("button", { name: "Compare scenarios" }).click();
  await page.getByLabel("Baseline").waitFor();
  await context.close();
});

test("a page open from an earlier deployment asks for its own build's chunk, and says so when the host no longer has it", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  // After a new deployment, the host has only the new build's chunks: this build's are "not
  // found". Chunk names carry their build's id (scripts/split-wasm.sh), so the page never runs a
  // chunk cut from another build.
  const asked = [];
  await context.route(/\/split_compare\.[0-9a-f]{10}\.wasm$/, (route) => {
    asked.push(new URL(route.request().url()).pathname);
    return route.fulfill({ status: 404, contentType: "text/plain", body: "Not found" });
  });
  const page = await openApp(context, env.server.url);
  await secondaryPupils(page).waitFor();
  await page.getByRole("button", { name: "Compare scenarios" }).click();
  await page.getByRole("alert").filter({ hasText: "could not be fetched" }).waitFor();
  assert.ok(asked.length > 0, "the comparison's chunk was asked for by its build's name");
  await page.getByRole("button", { name: "Workspace" }).click();
  const spend = page.getByTestId("total-spend");
  const before = await spend.textContent();
  await secondaryPupils(page).fill("66000");
  assert.notEqual(await changedText(spend, before), before, "the workspace still works");
  await context.close();
});

test("once the page has loaded, every view opens with the connection down", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  const page = await openApp(context, env.server.url);
  await secondaryPupils(page).waitFor();
  // Everything is fetched in the background once the page is up.
  await page.waitForLoadState("networkidle");
  await context.setOffline(true);

  await page.getByText("Saved scenarios", { exact: true }).click();
  await page.getByRole("button", { name: "Save as file" }).waitFor();
  await page.getByText("Calibrate from history…", { exact: true }).click();
  await page.getByLabel("History file (CSV)").waitFor();
  await page.getByRole("button", { name: "Compare scenarios" }).click();
  await page.getByLabel("Baseline").waitFor();
  await page.getByRole("button", { name: "Workspace" }).click();
  await page.getByRole("button", { name: "Workshop mode" }).click();
  await page.getByRole("button", { name: "Leave workshop (Esc)" }).waitFor();
  assert.equal(await page.getByText("could not be fetched").count(), 0, "nothing failed to load");
  await context.close();
});

test("when the simulation cannot be fetched, the ranges say so, and the next change tries again", async () => {
  const context = await freshContext(env.browser, 1280, 800);
  let blocked = true;
  await context.route(/\/split_run_in_slices\.[0-9a-f]{10}\.wasm$/, (route) => (blocked ? route.abort() : route.continue()));
  const page = await openApp(context, env.server.url);
  const said = page.getByRole("alert").filter({ hasText: "The ranges could not be worked out" });
  await said.waitFor();
  assert.equal(await page.locator(".ranges-running").count(), 0, "no endless “Working out the ranges…”");

  blocked = false;
  await secondaryPupils(page).fill("56000");
  await page.getByTestId("chance-overspend").waitFor();
  await said.waitFor({ state: "detached" });
  await context.close();
});
