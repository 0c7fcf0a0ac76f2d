// The export worker: AP Planner's second WebAssembly module (worker/, built by trunk as
// ap-export-worker.js and ap-export-worker_bg.wasm), started by the page (src/export_worker.rs)
// the first time a workbook is asked for, so the workbook writer is not part of the first load.
// A file of its own, not a blob: the Content-Security-Policy's script-src 'self' allows it.
//
// In: { id, job } (job: JSON text). Out: { id, bytes } (the file, transferred, not copied) or
// { id, error, broken } (a message for the page; broken: the module failed and must be restarted).
import init, { make } from "./ap-export-worker.js";

const ready = init({ module_or_path: new URL("./ap-export-worker_bg.wasm", import.meta.url) });

self.onmessage = async (event) => {
  const { id, job } = event.data;
  try {
    await ready;
  } catch (e) {
    self.postMessage({ id, error: `the part of AP Planner that writes workbooks did not load; try again (${e?.message ?? e})`, broken: true });
    return;
  }
  try {
    const bytes = make(job);
    self.postMessage({ id, bytes }, [bytes.buffer]);
  } catch (e) {
    // A message from the Rust side is a string; anything else (a trap) leaves the module unusable.
    const broken = typeof e !== "string";
    self.postMessage({ id, error: broken ? `it stopped: ${e?.message ?? e}` : e, broken });
  }
};
