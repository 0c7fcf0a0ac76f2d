//! Questions to the user, asked in the page: a modal `<dialog>` (focus moves into it, Esc or
//! Cancel closes it, focus goes back where it was). The browser's own `confirm`/`prompt` boxes
//! are blocked or unstyled on some managed browsers, so the app never uses them.
//!
//! Asking is asynchronous: [`confirm`] and [`prompt`] resolve when the user answers. The page
//! holds one [`DialogHost`]; with none (or a question already open) the answer is no.

use std::cell::RefCell;

use futures_channel::oneshot;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A question the page can ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Yes or no, with the words on the "yes" button ("Remove", "Replace"…).
    Confirm { question: String, yes: String },
    /// A line of text, starting from `default`, with the words on the button that accepts it.
    Prompt {
        question: String,
        default: String,
        ok: String,
    },
}

impl Ask {
    pub fn question(&self) -> &str {
        match self {
            Ask::Confirm { question, .. } | Ask::Prompt { question, .. } => question,
        }
    }
}

thread_local! {
    static HOST: RefCell<Option<RwSignal<Option<Ask>>>> = const { RefCell::new(None) };
    /// Where the open question's answer goes (`Some(text)` for yes or the text typed).
    static REPLY: RefCell<Option<oneshot::Sender<Option<String>>>> = const { RefCell::new(None) };
}

/// Ask `ask` and wait for the answer: `Some` (the text typed, or empty for yes) or `None`
/// (no, Cancel, Esc, or no way to ask).
pub async fn ask(ask: Ask) -> Option<String> {
    let shown = HOST.with(|h| *h.borrow())?;
    if REPLY.with(|r| r.borrow().is_some()) {
        return None;
    }
    let (reply, answer) = oneshot::channel();
    REPLY.with(|r| *r.borrow_mut() = Some(reply));
    shown.set(Some(ask));
    answer.await.ok().flatten()
}

/// Ask a yes-or-no question; `yes` labels the button that agrees ("Remove").
pub async fn confirm(question: impl Into<String>, yes: impl Into<String>) -> bool {
    ask(Ask::Confirm {
        question: question.into(),
        yes: yes.into(),
    })
    .await
    .is_some()
}

/// Ask `question` and run `then` if the answer is yes (`yes` labels that button).
pub fn then_if_yes(
    question: impl Into<String>,
    yes: impl Into<String>,
    then: impl FnOnce() + 'static,
) {
    let (question, yes) = (question.into(), yes.into());
    leptos::task::spawn_local(async move {
        if confirm(question, yes).await {
            then();
        }
    });
}

/// Ask for a line of text, starting from `default`; `None` if cancelled. The text is returned
/// exactly as typed (the caller trims and checks it).
pub async fn prompt(question: impl Into<String>, default: impl Into<String>) -> Option<String> {
    ask(Ask::Prompt {
        question: question.into(),
        default: default.into(),
        ok: "OK".into(),
    })
    .await
}

/// Give the open question its answer and close it.
fn answer(shown: RwSignal<Option<Ask>>, with: Option<String>) {
    if let Some(reply) = REPLY.with(|r| r.borrow_mut().take()) {
        let _ = reply.send(with);
    }
    shown.set(None);
}

/// The page's one dialog box. Mount it once, at the top of the page.
#[component]
pub fn DialogHost() -> impl IntoView {
    let shown = RwSignal::new(None::<Ask>);
    HOST.with(|h| *h.borrow_mut() = Some(shown));
    on_cleanup(|| HOST.with(|h| *h.borrow_mut() = None));
    let dialog = NodeRef::<html::Dialog>::new();
    let text = NodeRef::<html::Input>::new();
    let typed = RwSignal::new(String::new());
    // Where focus was before the question, to put it back after.
    let before = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let Some(el) = dialog.get() else {
            return;
        };
        match shown.get() {
            Some(ask) => {
                let active = document()
                    .active_element()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                before.set_value(active);
                if let Ask::Prompt { default, .. } = &ask {
                    typed.set(default.clone());
                }
                if !el.open() {
                    let _ = el.show_modal();
                }
                if let Some(input) = text.get_untracked() {
                    input.set_value(&typed.get_untracked());
                    let _ = input.focus();
                    input.select();
                }
            }
            None => {
                if el.open() {
                    el.close();
                }
                if let Some(back) = before.try_update_value(Option::take).flatten() {
                    let _ = back.focus();
                }
            }
        }
    });

    let question = move || shown.with(|a| a.as_ref().map(|a| a.question().to_string()));
    let is_prompt = move || shown.with(|a| matches!(a, Some(Ask::Prompt { .. })));
    let yes_label = move || {
        shown.with(|a| match a {
            Some(Ask::Confirm { yes, .. }) => yes.clone(),
            Some(Ask::Prompt { ok, .. }) => ok.clone(),
            None => String::new(),
        })
    };
    let accept = move || {
        let with = if is_prompt() {
            typed.get_untracked()
        } else {
            String::new()
        };
        answer(shown, Some(with));
    };
    view! {
        <dialog class="dialog" node_ref=dialog aria-labelledby="dialog-question"
            // Esc: the browser cancels the dialog; that is a "no".
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                answer(shown, None);
            }>
            <h2 class="dialog__question" id="dialog-question">{question}</h2>
            <div class="field" hidden=move || !is_prompt()>
                <input class="field__input field__input--text" id="dialog-text" type="text"
                    aria-labelledby="dialog-question"
                    node_ref=text autocomplete="off"
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:keydown=move |ev| if ev.key() == "Enter" {
                        ev.prevent_default();
                        accept();
                    }/>
            </div>
            <div class="dialog__actions">
                <button type="button" class="button" on:click=move |_| accept()>{yes_label}</button>
                <button type="button" class="button button--secondary"
                    on:click=move |_| answer(shown, None)>
                    "Cancel"
                </button>
            </div>
        </dialog>
    }
}
