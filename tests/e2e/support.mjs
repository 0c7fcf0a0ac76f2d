// Helpers for the end-to-end tests: serve the release build from dist/ on loopback, start
// Debian's Chromium headless through playwright-core, and find things as a person would.
import { createServer } from "node:http";
import { readFile, mkdir } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";
import zlib from "node:zlib";

const root = resolve(import.meta.dirname, "../..");
const dist = join(root, "dist");
export const screenshotDir = join(root, "target", "e2e-screenshots");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** The headers a host sends for every file: the `/*` block of dist/_headers (deploy/_headers,
 *  copied by the build), so that the tests run under the deployed security policy. */
async function deployHeaders() {
  let text;
  try {
    text = await readFile(join(dist, "_headers"), "utf8");
  } catch {
    return {};
  }
  const headers = {};
  let all = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.trim()) continue;
    if (!/^\s/.test(line)) {
      all = line.trim() === "/*";
      continue;
    }
    const at = line.indexOf(":");
    if (all && at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

/** Serve dist/ on 127.0.0.1 at a free port, with the headers in dist/_headers; resolves to
 *  { url, close }. */
export async function serveDist() {
  const always = await deployHeaders();
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(dist, path.endsWith("/") ? join(path, "index.html") : path);
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...always, "content-type": types[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Start headless Chromium with a fresh profile. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Open the app in a new page and wait until it has rendered; page errors fail the test. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  page.appErrors = errors;
  return page;
}

/** The "Pupils on roll" field of the secondary phase (the examples' second phase), found as a
 *  person would: by its group's name and its label. */
export function secondaryPupils(page) {
  return page.getByRole("group", { name: "Secondary", exact: true }).getByLabel("Pupils on roll");
}

/** Save a full-page screenshot under target/ and print where it is. */
export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  console.log(`screenshot: ${path}`);
  return path;
}

/** A fresh browser context (its own empty storage) with the given viewport. */
export async function freshContext(browser, width = 1280, height = 800) {
  return browser.newContext({ viewport: { width, height }, acceptDownloads: true });
}

/** The number shown in a headline card, as a number ("£68.49m" -> 68490000). */
export function readFigure(text) {
  const t = text.replace(/[£,\s]/g, "").replace("−", "-");
  const m = t.match(/^(-?[\d.]+)(bn|m|k)?/);
  if (!m) throw new Error(`not a figure: ${text}`);
  const scale = { bn: 1e9, m: 1e6, k: 1e3 }[m[2]] ?? 1;
  return Number(m[1]) * scale;
}

/** Wait until the text of `locator` differs from `before`; returns the new text. */
export async function changedText(locator, before, timeout = 5000) {
  const start = Date.now();
  for (;;) {
    const now = await locator.textContent();
    if (now !== before) return now;
    if (Date.now() - start > timeout) throw new Error(`text stayed ${before}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

/** Start the server and browser before a test file's tests and stop them after; the returned
 *  object's `server` and `browser` are set once `before` has run. */
export function useAppServer({ before, after }) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** The text of this page's own autosaved draft (each tab keeps its own, under the id in its
 *  sessionStorage), or null. */
export async function ownDraft(page) {
  return page.evaluate(() => localStorage.getItem(`ap-planner.draft.${sessionStorage.getItem("ap-planner.tab")}`));
}

/** Make `text` the draft of the first page opened in `context` (as the tab "seeded": a reload
 *  keeps it, later pages are tabs of their own). */
export async function seedDraft(context, text) {
  await context.addInitScript((t) => {
    if (!sessionStorage.getItem("ap-planner.tab") && !localStorage.getItem("e2e.seeded")) {
      localStorage.setItem("e2e.seeded", "1");
      sessionStorage.setItem("ap-planner.tab", "seeded");
      localStorage.setItem("ap-planner.draft.seeded", t);
    }
  }, text);
}

/** Wait for the page's own question box (an in-page modal `<dialog>`), answer it with `answer`
 *  (text to type, or true/false) and resolve to its question. Clicks, as a mouse user would;
 *  the keyboard is tested on its own. */
export async function answerDialog(page, answer) {
  const dialog = page.locator("dialog.dialog[open]");
  await dialog.waitFor();
  const question = await dialog.locator("#dialog-question").textContent();
  if (typeof answer === "string") await dialog.getByRole("textbox", { name: question }).fill(answer);
  if (answer === false) await dialog.getByRole("button", { name: "Cancel" }).click();
  else await dialog.locator(".dialog__actions button").first().click();
  await dialog.waitFor({ state: "hidden" });
  return question;
}

/** The files in a zip archive (an .xlsx), as { name: Buffer }: read from its central directory,
 *  stored or deflated entries. Enough to read back a workbook the app made. */
export function unzip(buffer) {
  const { inflateRawSync } = zlib;
  let end = buffer.length - 22;
  while (end >= 0 && buffer.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file: no end of central directory");
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extra = buffer.readUInt16LE(at + 30);
    const comment = buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.subarray(at + 46, at + 46 + nameLength).toString();
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files[name] = method === 0 ? data : inflateRawSync(data);
    at += 46 + nameLength + extra + comment;
  }
  return files;
}
