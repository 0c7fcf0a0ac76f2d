// Saved scenarios, share links and files, as people use them: nothing made is lost, and a
// scenario travels as a link or a file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useAppServer, openApp, screenshot, freshContext, ownDraft, answerDialog, secondaryPupils } from "./support.mjs";

const env = useAppServer({ before, after });
const library = (page) => page.locator("#section-library");
const notice = (page) => page.getByTestId("library-notice");

async function openLibrary(page) {
  const details = library(page);
  if (!(await details.getAttribute("open") !== null)) await details.locator("summary").click();
}

/** Answer the next prompt or confirm with `answer` (text, or true/false). */
function answerNext(page, answer) {
  answerDialog(page, answer).catch(() => {});
}

async function saveAs(page, name) {
  await openLibrary(page);
  answerNext(page, name);
  await library(page).getByRole("button", { name: "Save as", exact: true }).click();
  await notice(page).getByText(`Saved “${name}”`).waitFor();
}

test("save, reload and reopen; unsaved changes are marked and kept; delete and undo", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await saveAs(page, "County plan A");
  await page.reload();
  await openApp(context, env.server.url).then((p) => p.close());
  await openLibrary(page);
  const row = library(page).getByRole("row", { name: /County plan A/ });
  await row.waitFor();
  assert.equal(await page.getByTestId("unsaved").count(), 0);

  // An edit is marked as unsaved, and survives opening something else.
  await secondaryPupils(page).fill("60,000");
  await page.getByTestId("unsaved").waitFor();
  await library(page).getByRole("button", { name: "Open example" }).click();
  await notice(page).getByText("kept in the library as “County plan A (unsaved changes)”").waitFor();
  await library(page).getByRole("button", { name: "Open County plan A (unsaved changes)" }).click();
  assert.equal(await secondaryPupils(page).inputValue(), "60,000");

  // Delete, then undo.
  await library(page).getByRole("button", { name: "Delete County plan A", exact: true }).click();
  await notice(page).getByText("Deleted “County plan A”.").waitFor();
  assert.equal(await library(page).locator(".library__table").getByRole("row", { name: /^County plan A\b(?! \()/ }).count(), 0);
  await library(page).getByRole("button", { name: "Restore County plan A", exact: true }).waitFor();
  await notice(page).getByRole("button", { name: "Undo" }).click();
  await library(page).getByRole("button", { name: "Open County plan A", exact: true }).waitFor();
  await screenshot(page, "library");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("a share link opens the same figures read-only in a fresh browser, and can be saved as a copy", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await page.getByRole("group", { name: "Tier 2: time-limited placements", exact: true }).getByLabel("Secondary: referral rate").fill("2.2");
  const spend = await page.getByTestId("total-spend").textContent();
  await page.getByRole("button", { name: "Copy share link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  assert.match(link, /#s=1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 2000, `${link.length} characters`);
  await page.getByRole("status").filter({ hasText: /copied|could not be copied/ }).waitFor();
  await context.close();

  const other = await freshContext(env.browser);
  const shared = await openApp(other, link);
  await shared.getByText("Shared scenario: DfE three tiers, current trends").waitFor();
  assert.equal(await shared.getByTestId("total-spend").textContent(), spend);
  assert.equal(await shared.getByRole("button", { name: "Export CSV" }).count(), 0, "read-only");
  assert.deepEqual(await shared.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("ap-planner.draft"))), [], "nothing saved by opening");
  await screenshot(shared, "shared-link");
  await shared.getByRole("button", { name: "Save a copy" }).click();
  await openLibrary(shared);
  await library(shared).getByRole("button", { name: "Open DfE three tiers, current trends", exact: true }).waitFor();
  assert.equal(await shared.getByTestId("total-spend").textContent(), spend);
  assert.deepEqual(shared.appErrors, []);
  await other.close();
});

test("a damaged link says so and leaves the library and draft as they were", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await saveAs(page, "Keep me");
  const draft = await ownDraft(page);
  assert.match(draft, /Keep me/);
  for (const bad of ["#s=1.bm90IGEgc2NlbmFyaW8", "#s=9.abc", "#s=garbage!!"]) {
    const broken = await openApp(context, env.server.url + bad);
    await broken.getByText("This share link cannot be opened").waitFor();
    await openLibrary(broken);
    await library(broken).getByRole("button", { name: "Open Keep me", exact: true }).waitFor();
    assert.equal(await ownDraft(page), draft);
    assert.deepEqual(broken.appErrors, []);
    await broken.close();
  }
  await context.close();
});

test("a corrupt saved entry is listed as unreadable, kept, and its text can be downloaded", async () => {
  const context = await freshContext(env.browser);
  await context.addInitScript(() => localStorage.setItem("ap-planner.scenario.broken", "{\"format\": 1, \"scenario\": {oops"));
  const page = await openApp(context, env.server.url);
  await openLibrary(page);
  const row = library(page).getByRole("row", { name: /Unreadable entry/ });
  await row.waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Download its text" }).click()]);
  assert.equal(readFileSync(await download.path(), "utf8"), "{\"format\": 1, \"scenario\": {oops");
  await saveAs(page, "Another");
  assert.equal(await page.evaluate(() => localStorage.getItem("ap-planner.scenario.broken")), "{\"format\": 1, \"scenario\": {oops");
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("a scenario saved as a file opens again from the file picker, beside what is there", async () => {
  const context = await freshContext(env.browser);
  const page = await openApp(context, env.server.url);
  await saveAs(page, "File trip");
  const [download] = await Promise.all([page.waitForEvent("download"), library(page).getByRole("button", { name: "Save as file" }).click()]);
  assert.equal(download.suggestedFilename(), "file-trip.json");
  const path = await download.path();
  await page.getByLabel("Open a scenario file").setInputFiles({ name: "file-trip.json", mimeType: "application/json", buffer: readFileSync(path) });
  await notice(page).getByText("Opened “File trip”").waitFor();
  assert.equal(await library(page).getByRole("button", { name: "Open File trip", exact: true }).count(), 2, "added, not replaced");

  await page.getByLabel("Open a scenario file").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: Buffer.from("{\"format\": 1, \"scenario\": {\"timeline\": {\"horizon\": 40}, \"meta\": {\"name\": \"x\"}}}") });
  await notice(page).getByText("“bad.json” was not opened").waitFor();
  assert.match(await notice(page).textContent(), /Years to project must be between 1 and 15 years/);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("full or disabled storage gives a clear message and keeps the work on the page", async () => {
  const context = await freshContext(env.browser);
  await context.addInitScript(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__full) throw new DOMException("full", "QuotaExceededError");
      return original.call(this, key, value);
    };
  });
  const page = await openApp(context, env.server.url);
  await page.evaluate(() => { window.__full = true; });
  const field = secondaryPupils(page);
  await field.fill("61,000");
  await page.getByText("storage for AP Planner is full").first().waitFor();
  assert.equal(await field.inputValue(), "61,000");
  answerNext(page, "Will not fit");
  await openLibrary(page);
  await library(page).getByRole("button", { name: "Save as", exact: true }).click();
  await notice(page).getByText("was not saved").waitFor();
  assert.match(await notice(page).textContent(), /Save as file/);
  assert.deepEqual(page.appErrors, []);
  await context.close();
});

test("two tabs: a save in one shows in the other, and saving over it asks first", async () => {
  const context = await freshContext(env.browser);
  const a = await openApp(context, env.server.url);
  await saveAs(a, "Shared plan");
  const b = await openApp(context, env.server.url);
  await openLibrary(b);
  await library(b).getByRole("button", { name: "Open Shared plan", exact: true }).click();

  // Tab A changes and saves the plan; tab B hears of it.
  await a.getByRole("group", { name: "Primary", exact: true }).getByLabel("Pupils on roll").fill("71,000");
  await a.getByRole("button", { name: "Save", exact: true }).click();
  await saveAs(a, "From tab A");
  await library(b).getByRole("button", { name: "Open From tab A", exact: true }).waitFor();

  // Tab B's own change would overwrite A's save: it asks, and "Cancel" keeps A's version.
  await b.getByRole("group", { name: "Primary", exact: true }).getByLabel("Pupils on roll").fill("69,000");
  answerNext(b, false);
  await b.getByRole("button", { name: "Save", exact: true }).click();
  await notice(b).getByText("Not saved.").waitFor();
  assert.deepEqual(a.appErrors, []);
  assert.deepEqual(b.appErrors, []);
  await context.close();
});
