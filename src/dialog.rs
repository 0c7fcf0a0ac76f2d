//! Questions to the user, answered before the app goes on: for now the browser's own dialogs
//! (`window.confirm` and `window.prompt`). A browser that cannot ask (no window) answers no.

/// Ask a yes-or-no question, as before something is removed or replaced. `false` if the browser
/// cannot ask.
pub fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Ask for a line of text, starting from `default`. `None` if cancelled or the browser cannot
/// ask; otherwise the text exactly as typed (the caller trims and checks it).
pub fn prompt(message: &str, default: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.prompt_with_message_and_default(message, default).ok())
        .flatten()
}
