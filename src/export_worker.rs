//! The export worker, from the page's side. Excel workbooks are made by a second WebAssembly
//! module (`worker/`, started by `assets/export-worker.js` in a Web Worker) that the page loads
//! only the first time a workbook is asked for: the workbook writer is most of the size of a
//! workbook export, and the first screen never needs it.
//!
//! [`save_workbook`] posts a [`Job`] (scenarios as JSON) to the worker and, when the bytes come
//! back, offers them as a download. While it waits the caller's `preparing` signal is set (the
//! page shows "Preparing the workbook…"); anything that goes wrong (the module not loading, a
//! failure inside it) ends in a message in the caller's `message` signal, never a crash, and the
//! next request starts a fresh worker.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use ap_exports::job::Job;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's script, beside index.html (copied there by the build).
const SCRIPT: &str = "./export-worker.js";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Reply = Box<dyn FnOnce(Result<js_sys::Uint8Array, String>)>;

/// A running worker and the requests it has not answered yet.
struct Connection {
    worker: web_sys::Worker,
    pending: Rc<RefCell<HashMap<u32, Reply>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// Make the workbook `job` asks for in the worker and offer it as `filename`. `preparing` is
/// true until it is offered or has failed; a failure is put in `message`. A press while one is
/// being prepared does nothing (the button stays enabled, so keyboard focus stays on it).
pub fn save_workbook(
    job: Job,
    filename: String,
    preparing: RwSignal<bool>,
    message: RwSignal<Option<String>>,
) {
    if preparing.get_untracked() {
        return;
    }
    message.set(None);
    preparing.set(true);
    request(
        &job,
        Box::new(move |result| {
            // `try_`: the part of the page that asked may be gone by now.
            preparing.try_set(false);
            let saved = result
                .map_err(|e| format!("The workbook could not be made: {e}."))
                .and_then(|bytes| crate::download::download_array(&filename, XLSX, &bytes));
            message.try_set(saved.err());
        }),
    );
}

/// Post `job` to the worker (starting it if need be); `reply` hears the bytes or why not.
fn request(job: &Job, reply: Reply) {
    let id = NEXT_ID.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let connection = CONNECTION.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(connect()?);
        }
        let conn = c.as_ref().expect("connected above");
        Ok::<_, String>((conn.worker.clone(), conn.pending.clone()))
    });
    let (worker, pending) = match connection {
        Ok(c) => c,
        Err(e) => return reply(Err(e)),
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
    let _ = js_sys::Reflect::set(&message, &"job".into(), &job.to_json().into());
    pending.borrow_mut().insert(id, reply);
    if worker.post_message(&message).is_err() {
        let reply = pending.borrow_mut().remove(&id);
        if let Some(reply) = reply {
            reply(Err(
                "the page could not reach the part of AP Planner that writes workbooks".into(),
            ));
        }
    }
}

/// Start the worker and listen to it.
fn connect() -> Result<Connection, String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(SCRIPT, &options).map_err(|_| {
        "the browser would not start the part of AP Planner that writes workbooks".to_string()
    })?;
    let pending: Rc<RefCell<HashMap<u32, Reply>>> = Rc::default();

    let waiting = pending.clone();
    let on_message = Closure::<dyn FnMut(_)>::new(move |event: web_sys::MessageEvent| {
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).unwrap_or_default();
        let Some(id) = field("id").as_f64().map(|id| id as u32) else {
            return;
        };
        let Some(reply) = waiting.borrow_mut().remove(&id) else {
            return;
        };
        let bytes = field("bytes");
        if let Some(bytes) = bytes.dyn_ref::<js_sys::Uint8Array>() {
            reply(Ok(bytes.clone()));
        } else {
            let error = field("error")
                .as_string()
                .unwrap_or_else(|| "no answer from the part that writes workbooks".into());
            if field("broken").is_truthy() {
                // The module stopped mid-way: start a fresh one next time.
                disconnect();
            }
            reply(Err(error));
        }
    });

    let waiting = pending.clone();
    let on_error = Closure::<dyn FnMut(_)>::new(move |event: web_sys::Event| {
        // The script or its module did not load, or failed outside a request: every request
        // still waiting fails with the reason, and the next one starts a fresh worker.
        event.prevent_default();
        let detail = event
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty());
        let reason = match detail {
            Some(d) => format!("the part of AP Planner that writes workbooks failed: {d}"),
            None => "the part of AP Planner that writes workbooks did not load; check the connection and try again".into(),
        };
        let replies: Vec<Reply> = waiting.borrow_mut().drain().map(|(_, r)| r).collect();
        disconnect();
        for reply in replies {
            reply(Err(reason.clone()));
        }
    });

    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Connection {
        worker,
        pending,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Stop the worker. Its listeners are dropped a moment later, not while one of them runs.
fn disconnect() {
    if let Some(conn) = CONNECTION.with(|c| c.borrow_mut().take()) {
        conn.worker.terminate();
        set_timeout(move || drop(conn), std::time::Duration::ZERO);
    }
}
