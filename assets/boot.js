// Starts AP Planner. A file rather than an inline script, so the Content-Security-Policy in
// index.html can forbid inline scripts altogether.
import init from "./ap-planner.js";

init({ module_or_path: new URL("./ap-planner_bg.wasm", import.meta.url) });
