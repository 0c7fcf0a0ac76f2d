//! "Copy share link": the whole scenario in the link's fragment (never sent to a server), shown
//! in a read-only field as well, since many council laptops block the clipboard.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::route::scenario_address;
use crate::state::use_app_state;

/// Try the clipboard; `Err` says why not (no clipboard here, or the browser refused).
async fn copy(text: &str) -> Result<(), String> {
    let navigator = web_sys::window()
        .map(|w| w.navigator())
        .ok_or("no window")?;
    let clipboard =
        js_sys::Reflect::get(&navigator, &"clipboard".into()).map_err(|_| "no clipboard")?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Err("this browser offers no clipboard here".into());
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|_| "the browser blocked it".into())
}

#[component]
pub fn ShareLink() -> impl IntoView {
    let state = use_app_state();
    let link = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<(bool, String)>);
    let make = move |_| {
        if state.is_stale() {
            status.set(Some((
                false,
                "Fix the problems listed at the top first: a link shares a scenario that works."
                    .into(),
            )));
            return;
        }
        let url = state.scenario.with_untracked(scenario_address);
        link.set(Some(url.clone()));
        leptos::task::spawn_local(async move {
            status.set(Some(match copy(&url).await {
                Ok(()) => (true, "Link copied. It holds the whole scenario; anyone who opens it sees these figures.".into()),
                Err(why) => (false, format!("The link could not be copied ({why}). Select the link in the box and copy it yourself.")),
            }));
        });
    };
    view! {
        <div class="share">
            <button type="button" class="button button--small button--secondary" on:click=make>"Copy share link"</button>
            {move || link.get().map(|url| view! {
                <div class="field share__field">
                    <label class="field__label" for="share-link">"Share link"</label>
                    <input class="field__input field__input--text" id="share-link" type="text" readonly
                        prop:value=url on:focus=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            input.select();
                        }/>
                    <p class="field__hint">{move || link.with(|l| l.as_ref().map(|l| format!("{} characters", l.chars().count())).unwrap_or_default())}</p>
                </div>
            })}
            {move || status.get().map(|(ok, text)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--warning" } role="status">{text}</p>
            })}
        </div>
    }
}
